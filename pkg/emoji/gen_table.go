//go:build generate

// gen_table.go generates table.go from the regex that the pinned
// twemoji-parser@11.0.2 ships (reference/node_modules, installed by
// `npm ci` in reference/). Run it with `go generate ./pkg/emoji`.
//
// Besides writing the table it prints what it found: the number of paths
// through the regex, how many are shadowed by a higher-priority prefix (so
// never matched whole), and the trie size.

//go:generate go run gen_table.go

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/tweetlen/tweetlen/pkg/emoji/internal/twemojire"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen_table: ")
	pkgDir := flag.String("pkg", "../../reference/node_modules/twemoji-parser", "twemoji-parser package directory")
	out := flag.String("o", "table.go", "output file")
	flag.Parse()

	var pj struct{ Name, Version string }
	raw, err := os.ReadFile(filepath.Join(*pkgDir, "package.json"))
	if err != nil {
		log.Fatalf("%v\n(run `npm ci` in reference/ to install the pinned reference packages)", err)
	}
	if err := json.Unmarshal(raw, &pj); err != nil {
		log.Fatal(err)
	}
	if pj.Name != "twemoji-parser" || pj.Version != "11.0.2" {
		log.Fatalf("%s is %s@%s, want twemoji-parser@11.0.2", *pkgDir, pj.Name, pj.Version)
	}
	src, err := os.ReadFile(filepath.Join(*pkgDir, "dist", "lib", "regex.js"))
	if err != nil {
		log.Fatal(err)
	}
	table, st, err := twemojire.Generate(src)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, table, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("gen_table: %d paths, %d shadowed, %d units (%d with a lookahead), %d trie nodes -> %s (%d bytes)\n",
		st.Paths, st.Shadowed, st.Units, st.CondUnits, st.Nodes, *out, len(table))
}

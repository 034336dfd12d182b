// Command genjsonl streams tweetlen's benchmark corpus as JSON Lines
// ({"id":…,"text":"…"}) to stdout, for as many bytes as asked, in constant
// memory: it repeats a base corpus of internal/corpus texts with ever
// increasing ids. bench/stream-memory.sh uses it to feed 1 GB to the CLI.
//
//	go run ./bench/genjsonl -bytes 1G | tweetlen --input jsonl --format json - > /dev/null
//
// The output stops at the first line that brings it to -bytes or more. A
// summary ("genjsonl: N lines, B bytes") goes to stderr.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/tweetlen/tweetlen/internal/corpus"
)

func main() {
	size := flag.String("bytes", "1G", "output size: a byte count with an optional K, M or G suffix (powers of 1024)")
	seed := flag.Uint64("seed", 1, "corpus seed")
	base := flag.Int("n", 100_000, "texts in the repeated base corpus")
	flag.Parse()
	limit, err := parseSize(*size)
	if err != nil || *base < 1 {
		fmt.Fprintf(os.Stderr, "genjsonl: bad -bytes %q or -n %d\n", *size, *base)
		os.Exit(2)
	}
	texts := corpus.Texts(*seed, *base)
	quoted := make([][]byte, len(texts))
	for i, t := range texts {
		quoted[i] = corpus.QuoteJSON(t.Text)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	var line []byte
	var written int64
	id := 0
	for written < limit {
		line = corpus.AppendJSONL(line[:0], id, quoted[id%len(quoted)])
		if _, err := w.Write(line); err != nil {
			fmt.Fprintln(os.Stderr, "genjsonl:", err)
			os.Exit(1)
		}
		written += int64(len(line))
		id++
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "genjsonl:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "genjsonl: %d lines, %d bytes\n", id, written)
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}

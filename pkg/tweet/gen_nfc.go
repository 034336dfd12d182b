//go:build generate

// gen_nfc writes nfc_table.go, the data of the package's own NFC
// normaliser (nfc.go): per code point properties for the NFC quick check
// (canonical combining class, NFC_Quick_Check No/Maybe, has a canonical
// decomposition, composes with a following character), the full canonical
// decompositions and the canonical composition pairs.
//
// Everything is derived from golang.org/x/text/unicode/norm, so the tables
// follow its Unicode version:
//
//   - ccc and the full canonical decomposition are norm's (CCC, NFD);
//   - NFC_Quick_Check=No is "NFC(c) != c";
//   - the primary composites are the code points c with NFC(c) == c whose
//     NFD has two runes or more; the pair of c is (NFC(NFD(c) without its
//     last rune), last rune of NFD(c)): composing NFD(c) from the left,
//     the last rune must be the one that makes c;
//   - NFC_Quick_Check=Maybe is "second rune of a pair" (Hangul V and T
//     included, whose compositions are algorithmic).
//
// It also writes the pairs whose first rune is ASCII as a dense table, and
// finds nfcQuick2Limit, below which two-byte UTF-8 lead bytes encode
// only code points without quick-check properties. The generator checks the
// invariants nfc.go relies on and fails otherwise.
//
//go:generate go run gen_nfc.go
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Property bits; keep in sync with nfc.go.
const (
	pCCC      = 0xFF
	pNo       = 1 << 8
	pMaybe    = 1 << 9
	pDecomp   = 1 << 10
	pFirst    = 1 << 11
	blockBits = 7 // 128 code points per block
	blockSize = 1 << blockBits

	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
	jamoLFirst  = 0x1100
	jamoLLast   = 0x1112
	jamoVFirst  = 0x1161
	jamoVLast   = 0x1175
	jamoTFirst  = 0x11A8
	jamoTLast   = 0x11C2
)

func valid(r rune) bool { return utf8.ValidRune(r) }

func isHangul(r rune) bool { return r >= hangulFirst && r <= hangulLast }

func ccc(r rune) uint8 { return norm.NFD.PropertiesString(string(r)).CCC() }

// table is a two-level table: index[r>>blockBits] names a block of values.
type table[T comparable] struct {
	index  []int
	blocks [][blockSize]T
}

func build[T comparable](get func(rune) T) table[T] {
	t := table[T]{index: make([]int, 0x110000>>blockBits)}
	seen := map[[blockSize]T]int{}
	for hi := range t.index {
		var b [blockSize]T
		for lo := range blockSize {
			b[lo] = get(rune(hi<<blockBits | lo))
		}
		id, ok := seen[b]
		if !ok {
			id = len(t.blocks)
			seen[b] = id
			t.blocks = append(t.blocks, b)
		}
		t.index[hi] = id
	}
	return t
}

type pair struct{ first, second, comp rune }

var output = flag.String("o", "nfc_table.go", "output file")

func main() {
	flag.Parse()
	props := make([]uint16, 0x110000)
	decomp := map[rune][]rune{}
	var pairs []pair
	for r := rune(0); r < 0x110000; r++ {
		if !valid(r) {
			continue
		}
		s := string(r)
		props[r] = uint16(ccc(r))
		if norm.NFC.String(s) != s {
			props[r] |= pNo
		}
		if isHangul(r) {
			continue
		}
		if d := norm.NFD.String(s); d != s {
			decomp[r] = []rune(d)
			props[r] |= pDecomp
		}
		if d := decomp[r]; len(d) >= 2 && props[r]&pNo == 0 {
			first := norm.NFC.String(string(d[:len(d)-1]))
			a, n := utf8.DecodeRuneInString(first)
			if n != len(first) {
				log.Fatalf("U+%04X: NFC of its decomposition but the last rune is %+q", r, first)
			}
			b := d[len(d)-1]
			if norm.NFC.String(string([]rune{a, b})) != s {
				log.Fatalf("U+%04X: pair U+%04X U+%04X does not compose to it", r, a, b)
			}
			pairs = append(pairs, pair{a, b, r})
		}
	}
	for _, p := range pairs {
		props[p.first] |= pFirst
		props[p.second] |= pMaybe
	}
	for r := rune(jamoVFirst); r <= jamoVLast; r++ {
		props[r] |= pMaybe
	}
	for r := rune(jamoTFirst); r <= jamoTLast; r++ {
		props[r] |= pMaybe
	}

	// Check the invariants nfc.go relies on.
	for l := rune(jamoLFirst); l <= jamoLLast; l++ {
		for v := rune(jamoVFirst); v <= jamoVLast; v++ {
			lv := []rune(norm.NFC.String(string([]rune{l, v})))
			if len(lv) != 1 || !isHangul(lv[0]) || (lv[0]-hangulFirst)%28 != 0 {
				log.Fatalf("Hangul L U+%04X + V U+%04X does not compose to an LV syllable", l, v)
			}
			for t := rune(jamoTFirst); t <= jamoTLast; t++ {
				if lvt := []rune(norm.NFC.String(string([]rune{lv[0], t}))); len(lvt) != 1 || lvt[0] != lv[0]+t-(jamoTFirst-1) {
					log.Fatalf("Hangul LV U+%04X + T U+%04X does not compose to LV+%d", lv[0], t, t-(jamoTFirst-1))
				}
			}
		}
	}
	for r := rune(0); r < 0x110000; r++ {
		p := props[r]
		switch {
		case p&pNo != 0 && p&pMaybe != 0:
			log.Fatalf("U+%04X: NFC_QC both No and Maybe", r)
		case p&pNo != 0 && p&pDecomp == 0 && !isHangul(r):
			log.Fatalf("U+%04X: NFC_QC=No without a decomposition", r)
		case p&pNo == 0 && p&pCCC != 0 && p&pDecomp != 0:
			log.Fatalf("U+%04X: a non-starter with a decomposition is not NFC_QC=No", r)
		case p&pFirst != 0 && p&pCCC != 0:
			log.Fatalf("U+%04X: first of a composition pair is not a starter", r)
		case p&(pNo|pMaybe|pCCC) == 0 && p&pDecomp != 0:
			// A quick-check-Yes starter is a segment boundary: its
			// decomposition must start with a starter that composes with
			// nothing before it.
			if d := props[decomp[r][0]]; d&(pCCC|pMaybe|pNo) != 0 {
				log.Fatalf("U+%04X: decomposition starts with U+%04X (props %#x)", r, decomp[r][0], d)
			}
		}
		if len(decomp[r]) > 7 {
			log.Fatalf("U+%04X: decomposition of %d runes", r, len(decomp[r]))
		}
	}

	// Decompositions: one rune pool, deduplicated by content.
	var pool []rune
	poolAt := map[string]int{}
	var extraOf = map[rune]uint32{}
	var keys []rune
	for r := range decomp {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	for _, r := range keys {
		d := decomp[r]
		at, ok := poolAt[string(d)]
		if !ok {
			at = len(pool)
			poolAt[string(d)] = at
			pool = append(pool, d...)
		}
		if at >= 1<<13 {
			log.Fatal("decomposition pool too large for 13 bits")
		}
		extraOf[r] = uint32(at) | uint32(len(d))<<13
	}
	// Composition pairs grouped by first rune, sorted by second rune.
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.first != y.first {
			return int(x.first - y.first)
		}
		return int(x.second - y.second)
	})
	compStart := []int{0} // entry 0 is unused: first index 0 means none
	var firsts []rune
	for i, p := range pairs {
		if i == 0 || pairs[i-1].first != p.first {
			firsts = append(firsts, p.first)
			compStart = append(compStart, i)
			if len(firsts) >= 1<<16 {
				log.Fatal("too many first runes")
			}
			extraOf[p.first] |= uint32(len(firsts)) << 16
		}
	}
	compStart = append(compStart, len(pairs))

	// The pairs whose first rune is ASCII, as a dense table indexed by the
	// first rune and the second rune's offset from U+0300: their second
	// runes must be combining marks from U+0300 on, their composites in
	// the BMP.
	asciiSecondLimit := rune(0)
	for _, p := range pairs {
		if p.first >= utf8.RuneSelf {
			continue
		}
		if p.second < 0x300 || p.second-0x300 >= 0x100 || p.comp > 0xFFFF {
			log.Fatalf("ASCII pair %U %U -> %U does not fit nfcCompASCII", p.first, p.second, p.comp)
		}
		asciiSecondLimit = max(asciiSecondLimit, p.second-0x300+1)
	}
	asciiComp := make([][]rune, utf8.RuneSelf)
	for a := range asciiComp {
		asciiComp[a] = make([]rune, asciiSecondLimit)
	}
	for _, p := range pairs {
		if p.first < utf8.RuneSelf {
			asciiComp[p.first][p.second-0x300] = p.comp
		}
	}

	// The two-byte UTF-8 lead bytes below quick2Limit encode only code
	// points without quick-check properties (from U+0080 on).
	quick2Limit := 0xC2
	for ; quick2Limit < 0xE0; quick2Limit++ {
		inert := true
		for r := rune(quick2Limit&0x1F) << 6; r < rune(quick2Limit&0x1F+1)<<6; r++ {
			inert = inert && props[r]&(pCCC|pNo|pMaybe) == 0
		}
		if !inert {
			break
		}
	}

	hot := build(func(r rune) uint16 { return props[r] })
	extra := build(func(r rune) uint32 { return extraOf[r] })

	var out bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&out, format, args...) }
	w("// Code generated by gen_nfc.go from golang.org/x/text/unicode/norm (Unicode %s); DO NOT EDIT.\n\n", norm.Version)
	w("package tweet\n\n")
	w("// nfcVersion is the Unicode version of the normaliser the tables were made from.\nconst nfcVersion = %q\n\n", norm.Version)
	w("// nfcBlockBits is log2 of the block size of the two-level tables.\nconst nfcBlockBits = %d\n\n", blockBits)
	w("// nfcQuick2Limit: the two-byte UTF-8 sequences whose lead byte is below it\n// encode code points without quick-check properties.\nconst nfcQuick2Limit = %#X\n\n", quick2Limit)
	writeTable(&out, "nfcProps", "uint16", "the NFC properties of a code point (pCCC, pNo, pMaybe, pDecomp, pFirst)", hot, hexOrZero[uint16])
	writeTable(&out, "nfcExtra", "uint32", "where a code point's decomposition (bits 0-12: offset in nfcDecomp, 13-15: length) and composition pairs (bits 16-31: index in nfcCompStart) are", extra, hexOrZero[uint32])
	w("// nfcDecomp holds the full canonical decompositions.\nvar nfcDecomp = [%d]rune{", len(pool))
	for i, r := range pool {
		if i%12 == 0 {
			w("\n")
		}
		w("%#x,", r)
	}
	w("\n}\n\n")
	w("// nfcCompStart[i]..nfcCompStart[i+1] are the composition pairs of the\n// first rune with index i (i >= 1) in nfcCompSecond and nfcCompResult.\nvar nfcCompStart = [%d]uint16{", len(compStart))
	for i, v := range compStart {
		if i%16 == 0 {
			w("\n")
		}
		w("%d,", v)
	}
	w("\n}\n\n")
	w("// nfcCompSecond and nfcCompResult are the canonical composition pairs\n// (second rune and composite), grouped by first rune and sorted by second.\n")
	for _, v := range []struct {
		name string
		get  func(pair) rune
	}{{"nfcCompSecond", func(p pair) rune { return p.second }}, {"nfcCompResult", func(p pair) rune { return p.comp }}} {
		w("var %s = [%d]rune{", v.name, len(pairs))
		for i, p := range pairs {
			if i%12 == 0 {
				w("\n")
			}
			w("%#x,", v.get(p))
		}
		w("\n}\n\n")
	}
	w("// nfcCompASCII[a][b-0x300] is the composite of the pair (a, b) whose\n// first rune a is ASCII, or 0: every such pair is here.\n")
	w("var nfcCompASCII = [%d][%d]uint16{\n", len(asciiComp), asciiSecondLimit)
	for _, row := range asciiComp {
		if !slices.ContainsFunc(row, func(r rune) bool { return r != 0 }) {
			w("{},\n")
			continue
		}
		w("{")
		for _, r := range row {
			w("%s,", hexOrZero(uint16(r)))
		}
		w("},\n")
	}
	w("}\n\n")
	src, err := format.Source(out.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*output, src, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: Unicode %s, props %d blocks, extra %d blocks, %d decompositions (%d runes), %d pairs (%d firsts)\n",
		*output, norm.Version, len(hot.blocks), len(extra.blocks), len(decomp), len(pool), len(pairs), len(firsts))
}

func writeTable[T comparable](out *bytes.Buffer, name, typ, doc string, t table[T], format func(T) string) {
	idxType := "uint8"
	if len(t.blocks) > 256 {
		idxType = "uint16"
	}
	fmt.Fprintf(out, "// %sIndex maps r>>nfcBlockBits to a block of %sBlocks.\nvar %sIndex = [%d]%s{", name, name, name, len(t.index), idxType)
	for i, id := range t.index {
		if i%32 == 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(out, "%d,", id)
	}
	fmt.Fprintf(out, "\n}\n\n// %sBlocks hold %s.\nvar %sBlocks = [%d][%d]%s{\n", name, doc, name, len(t.blocks), blockSize, typ)
	for _, b := range t.blocks {
		out.WriteString("{")
		var sb strings.Builder
		for _, v := range b {
			sb.WriteString(format(v))
			sb.WriteString(",")
		}
		out.WriteString(sb.String())
		out.WriteString("},\n")
	}
	out.WriteString("}\n\n")
}

func hexOrZero[T uint16 | uint32](v T) string {
	if v == 0 {
		return "0"
	}
	return fmt.Sprintf("%#x", v)
}

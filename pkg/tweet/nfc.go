package tweet

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// textClass is what classify learns about a text in one pass.
type textClass uint8

const (
	textNFC         textClass = iota // valid UTF-8 made only of NFC-inert code points
	textMaybeNotNFC                  // valid UTF-8 with a code point NFC may change
	textInvalidUTF8                  // not valid UTF-8
)

// classify checks, in one pass, that s is valid UTF-8 and whether every
// code point of it is NFC-inert (see nfc_table.go): a text made only of
// inert code points is in NFC, so the normaliser can be skipped. ASCII is
// inert and is skipped 8 bytes at a time.
func classify(s string) textClass {
	class := textNFC
	for i := 0; i < len(s); {
		for i+8 <= len(s) && load64(s, i)&hi8 == 0 {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return textInvalidUTF8
		}
		if nfcBlocks[nfcIndex[r>>8]][(r&0xFF)>>6]&(1<<(r&63)) != 0 {
			class = textMaybeNotNFC
		}
		i += size
	}
	return class
}

// iterPool recycles normalisation iterators: a fresh norm.Iter escapes to
// the heap, a pooled one costs no allocation.
var iterPool = sync.Pool{New: func() any { return new(norm.Iter) }}

// isNFC reports whether s (valid UTF-8) is in NFC, without allocating:
// it compares each normalised segment with the input. (norm.IsNormalString
// and norm.String allocate even when the text turns out to be normal.)
func isNFC(s string) bool {
	if norm.NFC.QuickSpanString(s) == len(s) {
		return true
	}
	it := iterPool.Get().(*norm.Iter)
	it.InitString(norm.NFC, s)
	pos := 0
	for !it.Done() {
		seg := it.Next()
		if len(seg) > len(s)-pos || string(seg) != s[pos:pos+len(seg)] {
			// Not NFC. The iterator stopped mid-text keeps state that
			// InitString does not clear, so it is not put back.
			return false
		}
		pos += len(seg)
	}
	iterPool.Put(it)
	return pos == len(s)
}

// toNFC returns the NFC form of s (valid UTF-8).
func toNFC(s string) string {
	return norm.NFC.String(s)
}

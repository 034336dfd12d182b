package textlen

import "github.com/rivo/uniseg"

const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
	cr8 = '\r' * lo8
)

// load64 reads the 8 bytes of s at i as a little-endian word. The compiler
// merges the byte loads into one.
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// asciiRun returns the end j of the run of ASCII bytes of s that starts at
// byte offset i, and the number of CR LF pairs in s[i:j]. It reads 8 bytes
// at a time.
func asciiRun(s string, i int) (j, crlf int) {
	for i+8 <= len(s) {
		w := load64(s, i)
		if w&hi8 != 0 {
			break
		}
		if x := w ^ cr8; (x-lo8)&^x&hi8 != 0 {
			// A CR in this word: count the pairs it starts. Its LF, if
			// any, is ASCII and so in the run, maybe in the next word.
			for k := i; k < i+8; k++ {
				if s[k] == '\r' && k+1 < len(s) && s[k+1] == '\n' {
					crlf++
				}
			}
		}
		i += 8
	}
	for ; i < len(s) && s[i] < 0x80; i++ {
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			crlf++
		}
	}
	return i, crlf
}

// joinsNext reports whether the ASCII byte c may form one grapheme cluster
// with a non-ASCII character that follows it: every ASCII character except
// the controls (GB4: a break always follows CR, LF and Control) can take an
// Extend, ZWJ or SpacingMark (GB9, GB9a), as in "e" + U+0301.
func joinsNext(c byte) bool { return c >= 0x20 && c != 0x7f }

// GraphemeCount returns the number of extended grapheme clusters of s
// (UAX #29, the Unicode version of github.com/rivo/uniseg: 15.0.0), the unit
// Bluesky and Mastodon count in. It equals uniseg.GraphemeClusterCount(s)
// but is faster on ASCII: runs of ASCII are scanned 8 bytes at a time and
// count one cluster per byte, CR LF being one cluster; only the non-ASCII
// parts, together with the ASCII character just before each, go through
// uniseg. Invalid UTF-8 bytes count as uniseg counts them (one U+FFFD each).
// It does not allocate.
func GraphemeCount(s string) int {
	n, i := 0, 0
	for i < len(s) {
		j, crlf := asciiRun(s, i)
		n += j - i - crlf
		if j == len(s) {
			break
		}
		// s[j] is not ASCII. The ASCII character before it may start the
		// same cluster (a letter and a combining mark): give it to uniseg.
		// It is not a CR or LF, so no pair counted above ends on it.
		k := j
		if j > i && joinsNext(s[j-1]) {
			k, n = j-1, n-1
		}
		// Clusters from here on, until one ends before an ASCII
		// character: no ASCII character joins a cluster that precedes it
		// except after a Prepend (GB9b), and uniseg keeps that one whole.
		rest, state := s[k:], -1
		for {
			_, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			n++
			if len(rest) == 0 || rest[0] < 0x80 {
				break
			}
		}
		i = len(s) - len(rest)
	}
	return n
}

// nextCluster returns the end of the grapheme cluster of s that starts at
// byte offset i < len(s), and the uniseg state to pass for the next one.
// state is the value returned for the previous cluster, or -1 at the start
// or after any boundary (restarting at a boundary gives the same clusters,
// as no UAX #29 rule looks back past one).
func nextCluster(s string, i, state int) (end, next int) {
	if c := s[i]; c < 0x80 && (i+1 == len(s) || s[i+1] < 0x80) {
		if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			return i + 2, -1
		}
		return i + 1, -1
	}
	cl, _, _, next := uniseg.FirstGraphemeClusterInString(s[i:], state)
	return i + len(cl), next
}

package extract

import "unicode/utf8"

// matchPath matches "/" validUrlPath* with the '/' at text[i] and returns
// the end of the path in bytes.
//
// Because validUrlPathEndingChars.js holds a top-level '|', validUrlPath is
// in effect three alternatives, tried in this order:
//
//	(G | B)* E     G a general path char, B a balanced-paren group, E an ending char
//	B              a balanced-paren group alone
//	@ G+ /         (covered by the first)
//
// With greedy backtracking, the first alternative runs to the last ending
// character of the run of G and B tokens, and then only balanced groups that
// directly follow it are taken, one per iteration. A path may be "/" alone.
func matchPath(text string, i int) int {
	tail := i + 1 // end of the path so far
	open := true  // tail is at the last ending char or a group chained to it
	for j := i + 1; ; {
		// A run of ASCII general path chars, and its last ending char.
		r := j
		for r <= len(text)-4 && asciiClass[text[r]]&asciiClass[text[r+1]]&asciiClass[text[r+2]]&asciiClass[text[r+3]]&cPath != 0 {
			r += 4 // four path chars
		}
		for r < len(text) && asciiClass[text[r]]&cPath != 0 {
			r++
		}
		if r > j {
			e := r
			for e > j && asciiClass[text[e-1]]&cPEnd == 0 {
				e--
			}
			if e > j {
				tail = e
			}
			open = e == r
			j = r
		}
		if j >= len(text) {
			break
		}
		if c := text[j]; c == '(' {
			k, ok := matchBalancedParens(text, j)
			if !ok {
				break
			}
			if open {
				tail = k
			}
			j = k
			continue
		} else if c < utf8.RuneSelf {
			break
		}
		r0, n := utf8.DecodeRuneInString(text[j:])
		if !isPathRune(r0) {
			break
		}
		j += n
		if isPathEndRune(r0) {
			tail, open = j, true
		} else {
			open = false
		}
	}
	return tail
}

// pathRun returns the end of the run of general path chars at text[j:].
func pathRun(text string, j int) int {
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if asciiClass[c]&cPath == 0 {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isPathRune(r) {
			break
		}
		j += n
	}
	return j
}

// matchBalancedParens matches validUrlBalancedParens at text[j] == '(':
// "(" G+ ")" or "(" G* "(" G+ ")" G* ")", G being a general path char.
func matchBalancedParens(text string, j int) (int, bool) {
	k := pathRun(text, j+1)
	if k >= len(text) {
		return 0, false
	}
	if text[k] == ')' {
		return k + 1, k > j+1
	}
	if text[k] != '(' {
		return 0, false
	}
	m := pathRun(text, k+1)
	if m == k+1 || m >= len(text) || text[m] != ')' {
		return 0, false
	}
	m = pathRun(text, m+1)
	if m >= len(text) || text[m] != ')' {
		return 0, false
	}
	return m + 1, true
}

// matchQuery matches "?" validUrlQueryChars* validUrlQueryEndingChars with
// the '?' at text[i], within text[:limit]. It returns the end in bytes.
func matchQuery(text string, i, limit int) (int, bool) {
	end := -1
	for j := i + 1; j < limit; j++ {
		c := text[j]
		if c >= utf8.RuneSelf || asciiClass[c]&cQ == 0 {
			break
		}
		if asciiClass[c]&cQEnd != 0 {
			end = j + 1
		}
	}
	return end, end >= 0
}

// matchPort matches ":" [0-9]+ with the ':' at text[i].
func matchPort(text string, i int) (int, bool) {
	j := i + 1
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	return j, j > i+1
}

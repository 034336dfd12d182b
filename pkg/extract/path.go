package extract

import "unicode/utf8"

// matchPath matches "/" validUrlPath* with the '/' at text[i] and returns
// the end of the path in bytes. The path is the longest run of general path
// characters and balanced parenthesis groups, cut back to its last ending
// character (a letter, digit, one of "+-=_#/", or a balanced group), which is
// what the greedy JS regexp yields after backtracking. "/" alone is a path.
func matchPath(text string, i int) int {
	end := i + 1
	j := i + 1
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if c == '(' {
				k, ok := matchBalancedParens(text, j)
				if !ok {
					break
				}
				j, end = k, k
				continue
			}
			cl := asciiClass[c]
			if cl&cPath == 0 {
				break
			}
			j++
			if cl&cPEnd != 0 {
				end = j
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isPathRune(r) {
			break
		}
		j += n
		if isPathEndRune(r) {
			end = j
		}
	}
	return end
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

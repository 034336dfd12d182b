package textlen

import "strings"

// isWord reports whether c is an ASCII word character, [A-Za-z0-9_]: the
// \w of a Ruby regexp, and Mastodon's username characters (the regexp is
// case-insensitive).
func isWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func isAlnum(c byte) bool { return c != '_' && isWord(c) }

// nextMention finds the first mention of s at or after byte offset from, as
// Ruby's String#scan finds the matches of Mastodon's MENTION_RE,
//
//	(?<=^|[^/\w])@(([a-z0-9_]+)(?:@[a-z0-9\.\-]+[a-z0-9]+)?)   (case-insensitive)
//
// The mention is s[start:end]; s[start:user] is "@user", and s[user:end] is
// "@domain" or empty. The next search starts at end.
//
// The domain part is the longest run of [A-Za-z0-9.-] after the second "@"
// cut back to its last letter or digit, and it needs two characters at
// least; when it cannot match, the mention is "@user" alone (the group is
// optional and the username is matched greedily, so no other backtracking
// applies). A byte of a non-ASCII character before "@" is not \w (Ruby's
// \w is ASCII). This is the regexp as Mastodon has long had it; later
// versions may also allow "." and "-" inside a username, which this does
// not.
func nextMention(s string, from int) (start, user, end int, ok bool) {
	for from < len(s) {
		k := strings.IndexByte(s[from:], '@')
		if k < 0 {
			break
		}
		at := from + k
		from = at + 1
		if at > 0 && (s[at-1] == '/' || isWord(s[at-1])) {
			continue
		}
		u := at + 1
		for u < len(s) && isWord(s[u]) {
			u++
		}
		if u == at+1 {
			continue
		}
		end = u
		if u < len(s) && s[u] == '@' {
			last := -1
			for d := u + 1; d < len(s); d++ {
				c := s[d]
				if isAlnum(c) {
					last = d
				} else if c != '.' && c != '-' {
					break
				}
			}
			if last >= u+2 {
				end = last + 1
			}
		}
		return at, u, end, true
	}
	return 0, 0, 0, false
}

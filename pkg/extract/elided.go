package extract

// Elided16 returns, for the URL last returned by Next, how many UTF-16 code
// units of its span [start, end) are missing from the URL text twitter-text
// reports, and so from the length parseTweet skips. It is 0 except for a URL
// without protocol that has a path and whose ASCII domain ends before the
// matched domain does ("日本語.com☃.jp/x" style matches): extractUrlsWithIndices
// builds that URL as asciiDomain + url.replace(domain, …), which leaves out
// the rest of the domain, while its indices run to the end of the match.
func (s *URLScanner) Elided16() int { return s.elided16 }

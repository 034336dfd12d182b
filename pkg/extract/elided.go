package extract

// Elided16 returns, for the URL last returned by Next, how many UTF-16 code
// units of its span twitter-text leaves out of the URL's text (placeholder).
func (s *URLScanner) Elided16() int { return 0 }

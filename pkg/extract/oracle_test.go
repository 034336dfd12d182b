// The URL scanner as of commit 460e6c7, before its speed work, kept as the
// oracle of the faster scanner: the declarations of scan.go, url.go,
// domain.go, tld.go, path.go, idna.go and elided.go that the speed work
// touches, copied with go/ast (comments dropped) and renamed with the prefix
// "old"; character tables and the punycode arithmetic are shared. See
// oracle_cmp_test.go for the tests that use it.

package extract

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

type oldMatch struct {
	start    int
	half     bool
	protoLen int
	before   rune
	domStart int
	domEnd   int
	hasPath  bool
	end      int
}

func (s *oldURLScanner) oldSearch() (m oldMatch, ok bool) {
	text := s.text
	minB, minHalf := 0, false
	if !s.first {
		if s.pos >= len(text) {
			return m, false
		}
		r, n := decode(text, s.pos)
		if r >= 0x10000 {
			minB, minHalf = s.pos, true
		} else {
			minB = s.pos + n
		}
	}
	dead := -1
	for from := max(minB, s.dotFrom); ; {
		d := oldNextDot(text, from)
		if d < 0 {
			return m, false
		}
		from = d + 1
		seg, lastUS := d, -1
		for seg > minB {
			if c := text[seg-1]; c < utf8.RuneSelf {
				if asciiClass[c]&cD == 0 {
					if c == '_' {
						if lastUS < 0 {
							lastUS = seg - 1
						}
					} else if c != '-' {
						break
					}
				}
				seg--
				continue
			}
			r, n := decodeLast(text, seg)
			if !isDomainRune(r) {
				break
			}
			seg -= n
		}
		if seg == d {
			continue
		}
		if r, _ := decodeLast(text, d); !oldIsDomainStart(r) {
			continue
		}
		sd := oldSegDomain{text: text, d: d, lastUS: lastUS, dead: d <= dead}
		if p := oldProtocolBefore(text, seg); p >= 0 && (p > minB || p == minB && !minHalf) && s.oldStartOK(p) {
			if e, ok := sd.oldMatch(seg, false, &dead); ok {
				return s.oldFinish(oldMatch{start: p, protoLen: seg - p, before: s.oldBeforeRune(p), domStart: seg, domEnd: e}), true
			}
		}
		for x := seg; x < d; {
			r, n := decode(text, x)
			if x > minB || x == minB && !minHalf {
				if s.first && x == 0 {
					if mm, ok := s.oldTryNext0(&sd, r, n, &dead); ok {
						return mm, true
					}
					if oldIsDomainStart(r) {
						if e, ok := sd.oldMatch(0, false, &dead); ok {
							return s.oldFinish(oldMatch{before: -1, domEnd: e}), true
						}
					}
				} else if oldIsDomainStart(r) && s.oldStartOK(x) {
					if e, ok := sd.oldMatch(x, false, &dead); ok {
						return s.oldFinish(oldMatch{start: x, before: s.oldBeforeRune(x), domStart: x, domEnd: e}), true
					}
				}
			}
			if r >= 0x10000 && !(s.first && x == 0) {
				if e, ok := sd.oldMatch(x, true, &dead); ok {
					return s.oldFinish(oldMatch{start: x, half: true, before: 0xd800, domStart: x, domEnd: e}), true
				}
			}
			x += n
		}
	}
}
func (s *oldURLScanner) oldTryNext0(sd *oldSegDomain, r rune, n int, dead *int) (oldMatch, bool) {
	if r >= 0x10000 {
		if e, ok := sd.oldMatch(0, true, dead); ok {
			return s.oldFinish(oldMatch{half: true, before: 0xd800, domEnd: e}), true
		}
		return oldMatch{}, false
	}
	if !isPreceding(r) || n >= sd.d {
		return oldMatch{}, false
	}
	if r1, _ := decode(s.text, n); !oldIsDomainStart(r1) {
		return oldMatch{}, false
	}
	if e, ok := sd.oldMatch(n, false, dead); ok {
		return s.oldFinish(oldMatch{start: n, before: r, domStart: n, domEnd: e}), true
	}
	return oldMatch{}, false
}
func oldIsDomainStart(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&cD != 0
	}
	return isDomainRune(r)
}
func (s *oldURLScanner) oldStartOK(x int) bool {
	if x == 0 {
		return s.first
	}
	r, _ := decodeLast(s.text, x)
	return isPreceding(r)
}
func (s *oldURLScanner) oldBeforeRune(x int) rune {
	if x == 0 {
		return -1
	}
	r, _ := decodeLast(s.text, x)
	return r
}
func (s *oldURLScanner) oldFinish(m oldMatch) oldMatch {
	text := s.text
	j := m.domEnd
	if j < len(text) && text[j] == ':' {
		if k, ok := oldMatchPort(text, j); ok {
			j = k
		}
	}
	if j < len(text) && text[j] == '/' {
		j = oldMatchPath(text, j)
		m.hasPath = true
	}
	if j < len(text) && text[j] == '?' {
		if k, ok := oldMatchQuery(text, j, len(text)); ok {
			j = k
		}
	}
	m.end = j
	return m
}
func oldProtocolBefore(text string, seg int) int {
	if seg < 7 || text[seg-1] != '/' || text[seg-2] != '/' || text[seg-3] != ':' {
		return -1
	}
	p := seg - 7
	if (text[p+3] | 0x20) == 's' {
		p--
		if p < 0 {
			return -1
		}
	}
	if (text[p]|0x20) == 'h' && (text[p+1]|0x20) == 't' && (text[p+2]|0x20) == 't' && (text[p+3]|0x20) == 'p' {
		return p
	}
	return -1
}
func oldIsURLDot(text string, d int) bool {
	if d <= 0 || d+1 >= len(text) || text[d] != '.' {
		return false
	}
	c := text[d-1]
	return (c >= utf8.RuneSelf || asciiClass[c]&cD != 0) && oldDotStarts(text[d+1])
}
func oldFirstURLDot(text string, from int) int {
	for i := from; ; i++ {
		j := strings.IndexByte(text[i:], '.')
		if j < 0 {
			return -1
		}
		if i += j; oldIsURLDot(text, i) {
			return i
		}
	}
}
func oldDotStarts(c byte) bool {
	return c >= utf8.RuneSelf || asciiClass[c]&cD != 0
}
func oldNextDot(text string, i int) int {
	for ; i+16 <= len(text); i += 16 {
		x, y := load64(text, i)^'.'*lsb, load64(text, i+8)^'.'*lsb
		if ((x-lsb)&^x|(y-lsb)&^y)&msb != 0 {
			break
		}
	}
	for ; i+8 <= len(text); i += 8 {
		x := load64(text, i) ^ '.'*lsb
		for z := (x - lsb) &^ x & msb; z != 0; z &= z - 1 {
			if d := i + bits.TrailingZeros64(z)>>3; oldIsURLDot(text, d) {
				return d
			}
		}
	}
	for ; i < len(text); i++ {
		if oldIsURLDot(text, i) {
			return i
		}
	}
	return -1
}

type oldURL struct {
	Start, End     int
	Start16, End16 int
	HasProtocol    bool
	Elided16       int
}
type oldURLScanner struct {
	text     string
	pos      int
	first    bool
	proto    bool
	elided16 int
	rs       oldRescan
	dotFrom  int
}
type oldRescan struct {
	active   bool
	q        int
	limit    int
	asciiEnd int
	pathEnd  int
	have     bool
	ps, pe   int
}

func (s *oldURLScanner) oldReset(text string) {
	*s = oldURLScanner{text: text, first: true}
}
func (s *oldURLScanner) oldNext() (start, end int, ok bool) {
	for {
		if s.rs.active {
			if start, end, ok = s.oldNextAscii(); ok {
				s.proto = false
				return start, end, true
			}
		}
		m, found := s.oldSearch()
		if !found {
			s.first = false
			s.pos = len(s.text)
			return 0, 0, false
		}
		s.first = false
		s.pos = m.end
		if !oldValidURL(s.text, &m) {
			continue
		}
		if m.protoLen > 0 {
			end, ok := oldTcoEnd(s.text, &m)
			if !ok {
				continue
			}
			s.proto, s.elided16 = true, 0
			return m.start, end, true
		}
		switch m.before {
		case '-', '_', '.', '/':
			continue
		}
		s.rs = oldRescan{active: true, q: m.domStart, limit: m.domEnd, asciiEnd: m.domStart, pathEnd: -1}
		if m.hasPath {
			s.rs.pathEnd = m.end
		}
	}
}
func (s *oldURLScanner) oldNextAscii() (int, int, bool) {
	rs := &s.rs
	for {
		st, en, found := -1, -1, false
		for rs.q < rs.limit {
			e, ok, next := oldMatchAsciiDomain(s.text, rs.q, rs.limit)
			if ok {
				i := strings.Index(s.text[rs.asciiEnd:rs.limit], s.text[rs.q:e])
				st = rs.asciiEnd + i
				en = st + (e - rs.q)
				rs.asciiEnd = en
				rs.q = e
				found = true
				break
			}
			rs.q = next
		}
		if !found {
			rs.active = false
			if !rs.have {
				return 0, 0, false
			}
			rs.have = false
			if rs.pathEnd >= 0 {
				s.elided16 = utf16Len(s.text[rs.pe:rs.limit])
				return rs.ps, rs.pathEnd, true
			}
			s.elided16 = 0
			return rs.ps, rs.pe, true
		}
		if rs.have {
			ps, pe := rs.ps, rs.pe
			rs.ps, rs.pe = st, en
			s.elided16 = 0
			return ps, pe, true
		}
		rs.ps, rs.pe, rs.have = st, en, true
	}
}
func oldTcoEnd(text string, m *oldMatch) (int, bool) {
	d := m.domStart
	if m.domEnd-d != 4 || text[d]|0x20 != 't' || text[d+1] != '.' || text[d+2]|0x20 != 'c' || text[d+3]|0x20 != 'o' {
		return m.end, true
	}
	j := m.domEnd
	if j >= m.end || text[j] != '/' {
		return m.end, true
	}
	j++
	for j < m.end && oldIsASCIIAlnum(text[j]) {
		j++
	}
	slug := j - (m.domEnd + 1)
	if slug == 0 {
		return m.end, true
	}
	if slug > maxTcoSlug {
		return 0, false
	}
	if j < m.end && text[j] == '?' {
		if k, ok := oldMatchQuery(text, j, m.end); ok {
			j = k
		}
	}
	return j, true
}
func oldIsASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
func oldURLs(text string) []oldURL {
	return oldAppendURLs(nil, text)
}
func oldAppendURLs(dst []oldURL, text string) []oldURL {
	var s oldURLScanner
	s.oldReset(text)
	b, u := 0, 0
	for {
		start, end, ok := s.oldNext()
		if !ok {
			return dst
		}
		u += utf16Len(text[b:start])
		start16 := u
		u += utf16Len(text[start:end])
		b = end
		dst = append(dst, oldURL{Start: start, End: end, Start16: start16, End16: u, HasProtocol: s.proto, Elided16: s.elided16})
	}
}
func oldMatchDomain(text string, i int, half bool) (end int, ok bool, lastDot int) {
	best := -1
	lastDot = -1
	pos := i
	for first := true; ; first = false {
		j := pos
		empty, firstD, lastD, underscore := true, false, false, false
		if first && half {
			_, n := utf8.DecodeRuneInString(text[j:])
			j += n
			empty, firstD, lastD = false, true, true
		}
		for j < len(text) {
			c := text[j]
			isD := false
			if c < utf8.RuneSelf {
				switch {
				case asciiClass[c]&cD != 0:
					isD = true
				case c == '_':
					underscore = true
				case c != '-':
					goto end
				}
				j++
			} else {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !isDomainRune(r) {
					goto end
				}
				isD = true
				j += n
			}
			if empty {
				firstD, empty = isD, false
			}
			lastD = isD
		}
	end:
		if empty || !firstD || !lastD || j >= len(text) || text[j] != '.' {
			break
		}
		lastDot = j
		if !underscore {
			if e, ok := oldMatchTLD(text, j+1, len(text)); ok {
				best = e
			}
		}
		pos = j + 1
	}
	return best, best >= 0, lastDot
}

type oldSegDomain struct {
	text   string
	d      int
	lastUS int
	dead   bool
	tld    int8
	tldEnd int
}

func (sd *oldSegDomain) oldMatch(x int, half bool, dead *int) (int, bool) {
	if sd.dead {
		if sd.lastUS >= x {
			return 0, false
		}
		if sd.tld == 0 {
			sd.tld = -1
			if e, ok := oldMatchTLD(sd.text, sd.d+1, len(sd.text)); ok {
				sd.tld, sd.tldEnd = 1, e
			}
		}
		return sd.tldEnd, sd.tld > 0
	}
	e, ok, lastDot := oldMatchDomain(sd.text, x, half)
	if !ok && lastDot >= sd.d {
		sd.dead = true
		*dead = max(*dead, lastDot)
	}
	return e, ok
}
func oldIsAsciiDomainAt(text string, i int) (bool, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiClass[c]&cA != 0, 1
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return isLatinAccent(r), n
}
func oldMatchAsciiDomain(text string, q, limit int) (end int, ok bool, next int) {
	best := -1
	pos := q
	for {
		j := pos
		for j < limit {
			a, n := oldIsAsciiDomainAt(text, j)
			if !a {
				break
			}
			j += n
		}
		if j == pos || j >= limit || text[j] != '.' {
			if pos == q {
				if j == q {
					_, n := decode(text, q)
					return 0, false, q + n
				}
				return 0, false, j
			}
			break
		}
		if e, ok := oldMatchTLD(text, j+1, limit); ok {
			best = e
		}
		pos = j + 1
	}
	if best >= 0 {
		return best, true, best
	}
	return 0, false, pos
}
func oldChild(n int, b byte) int {
	nd := &tldNodes[n]
	lo, hi := int(nd.first), int(nd.first)+int(nd.n)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tldEdges[m].b < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(nd.first)+int(nd.n) && tldEdges[lo].b == b {
		return int(tldEdges[lo].next)
	}
	return -1
}
func oldFoldTLDRune(r rune) rune {
	if len(tldFold) == 0 || r < tldFold[0][0] || r > tldFold[len(tldFold)-1][0] {
		return r
	}
	lo, hi := 0, len(tldFold)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tldFold[m][0] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(tldFold) && tldFold[lo][0] == r {
		return tldFold[lo][1]
	}
	return r
}
func oldMatchTLD(text string, i, limit int) (int, bool) {
	if i >= limit {
		return 0, false
	}
	if c := text[i]; c < utf8.RuneSelf {
		if e, ok, done := oldMatchASCIITLD(text, i, limit); done {
			return e, ok
		}
	}
	n, best, bestRank := 0, -1, int16(0x7fff)
	var enc [utf8.UTFMax]byte
	for j := i; j < limit; {
		c := text[j]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if n = oldChild(n, c); n < 0 {
				break
			}
			j++
		} else {
			r, size := utf8.DecodeRuneInString(text[j:limit])
			k := utf8.EncodeRune(enc[:], oldFoldTLDRune(r))
			for x := 0; x < k && n >= 0; x++ {
				n = oldChild(n, enc[x])
			}
			if n < 0 {
				break
			}
			j += size
		}
		if rk := tldNodes[n].rank; rk >= 0 && rk < bestRank && oldTldEndOK(text, j, limit) {
			best, bestRank = j, rk
		}
	}
	if best >= 0 {
		return best, true
	}
	return oldMatchPunycodeTLD(text, i, limit)
}
func oldMatchPunycodeTLD(text string, i, limit int) (int, bool) {
	if limit-i > 4 && (text[i]|0x20) == 'x' && (text[i+1]|0x20) == 'n' && text[i+2] == '-' && text[i+3] == '-' {
		j := i + 4
		for j < limit && oldIsPunyChar(text[j]) {
			j++
		}
		if j > i+4 {
			return j, true
		}
	}
	return 0, false
}
func oldIsPunyChar(c byte) bool {
	return c < utf8.RuneSelf && (asciiClass[c]&cA != 0)
}
func oldTldEndOK(text string, j, limit int) bool {
	if j >= limit {
		return true
	}
	c := text[j]
	return c >= utf8.RuneSelf || asciiClass[c]&cTLDNext == 0
}
func oldMatchASCIITLD(text string, i, limit int) (end int, ok, done bool) {
	h := uint32(2166136261)
	j := i
	for ; j < limit; j++ {
		c := text[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if c < 'a' || c > 'z' {
			break
		}
		h ^= uint32(c)
		h *= 16777619
	}
	if j < limit && text[j] >= utf8.RuneSelf {
		return 0, false, false
	}
	if n := j - i; n > 0 && n <= tldASCIIMaxLen && oldTldEndOK(text, j, limit) {
		const mask = uint32(len(tldASCIIHash) - 1)
		for slot := h & mask; tldASCIIHash[slot] != 0; slot = (slot + 1) & mask {
			if name := tldASCIINames[tldASCIIHash[slot]-1]; len(name) == n && oldEqualFoldASCII(text[i:j], name) {
				return j, true, true
			}
		}
	}
	end, ok = oldMatchPunycodeTLD(text, i, limit)
	return end, ok, true
}
func oldEqualFoldASCII(s, name string) bool {
	for k := 0; k < len(s); k++ {
		if s[k]|0x20 != name[k] {
			return false
		}
	}
	return true
}
func oldMatchPath(text string, i int) int {
	tail := i + 1
	open := true
	for j := i + 1; j < len(text); {
		c := text[j]
		if c < utf8.RuneSelf {
			if c == '(' {
				k, ok := oldMatchBalancedParens(text, j)
				if !ok {
					break
				}
				if open {
					tail = k
				}
				j = k
				continue
			}
			cl := asciiClass[c]
			if cl&cPath == 0 {
				break
			}
			j++
			if cl&cPEnd != 0 {
				tail, open = j, true
			} else {
				open = false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isPathRune(r) {
			break
		}
		j += n
		if isPathEndRune(r) {
			tail, open = j, true
		} else {
			open = false
		}
	}
	return tail
}
func oldPathRun(text string, j int) int {
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
func oldMatchBalancedParens(text string, j int) (int, bool) {
	k := oldPathRun(text, j+1)
	if k >= len(text) {
		return 0, false
	}
	if text[k] == ')' {
		return k + 1, k > j+1
	}
	if text[k] != '(' {
		return 0, false
	}
	m := oldPathRun(text, k+1)
	if m == k+1 || m >= len(text) || text[m] != ')' {
		return 0, false
	}
	m = oldPathRun(text, m+1)
	if m >= len(text) || text[m] != ')' {
		return 0, false
	}
	return m + 1, true
}
func oldMatchQuery(text string, i, limit int) (int, bool) {
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
func oldMatchPort(text string, i int) (int, bool) {
	j := i + 1
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	return j, j > i+1
}
func oldValidURL(text string, m *oldMatch) bool {
	dom := text[m.domStart:m.domEnd]
	if !m.half && strings.HasPrefix(dom, "xn--") && !oldHasAsciiDomain(text, m.domStart, m.domEnd) {
		return false
	}
	if !m.half && oldAsciiLabelsOK(dom) {
		dom = ""
	}
	half := m.half
	for len(dom) > 0 {
		i := strings.IndexByte(dom, '.')
		if i < 0 {
			i = len(dom)
		}
		if n := toASCIILen(dom[:i], half); n < 1 || n > maxLabelLength {
			return false
		}
		half = false
		if i == len(dom) {
			break
		}
		dom = dom[i+1:]
	}
	proto := m.protoLen
	if proto == 0 {
		proto = defaultProto
	}
	n := m.end - m.start
	if proto+n <= maxURLLength {
		return true
	}
	u := utf16Len(text[m.start:m.end])
	if m.half {
		u--
	}
	return proto+u <= maxURLLength
}
func oldAsciiLabelsOK(dom string) bool {
	n := 0
	for i := 0; i < len(dom); i++ {
		switch c := dom[i]; {
		case c >= utf8.RuneSelf:
			return false
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
		default:
			if n++; n > maxLabelLength {
				return false
			}
		}
	}
	return n > 0
}
func oldHasAsciiDomain(text string, i, limit int) bool {
	for q := i; q < limit; {
		_, ok, next := oldMatchAsciiDomain(text, q, limit)
		if ok {
			return true
		}
		q = next
	}
	return false
}

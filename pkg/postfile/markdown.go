package postfile

import (
	"sort"
	"strings"

	"github.com/tweetlen/tweetlen/pkg/post"
)

// maxMarkup bounds the length of an image's alt text and title, so that a
// text full of unclosed "![" is not scanned again and again to its end.
const maxMarkup = 2000

// addMarkdownImages adds the Markdown images ![alt](file "title") of p's
// text to p.Media, leaving the text as written. Images in fenced code blocks
// and in code spans are not images.
func addMarkdownImages(p *post.Post) {
	t := p.Text
	if !strings.Contains(t, "![") {
		return
	}
	code := codeSpans(t)
	ci := 0
	for i := 0; i+1 < len(t); i++ {
		for ci < len(code) && code[ci][1] <= i {
			ci++
		}
		if ci < len(code) && code[ci][0] <= i {
			i = code[ci][1] - 1
			continue
		}
		if t[i] == '\\' {
			i++ // an escaped character
			continue
		}
		if t[i] != '!' || t[i+1] != '[' {
			continue
		}
		alt, file, end, ok := image(t, i)
		if !ok {
			continue
		}
		p.Media = append(p.Media, post.Media{
			File: file, Alt: alt, Origin: post.MarkdownImage,
			Pos: p.Locate(i), Start: i, End: end,
		})
		i = end - 1
	}
}

// image reads an image ![alt](dest "title") at t[i:], returning its alt
// text, destination and end.
func image(t string, i int) (alt, dest string, end int, ok bool) {
	j := i + 2
	depth := 0
label:
	for ; j < len(t); j++ {
		if j-i > maxMarkup {
			return
		}
		switch t[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			if depth == 0 {
				break label
			}
			depth--
		}
	}
	if j+1 >= len(t) || t[j] != ']' || t[j+1] != '(' {
		return
	}
	alt = t[i+2 : j]
	j += 2
	j = skipSpace(t, j)
	if j < len(t) && t[j] == '<' {
		k := j + 1
		for k < len(t) && t[k] != '>' && t[k] != '\n' && t[k] != '<' {
			if t[k] == '\\' {
				k++
			}
			k++
		}
		if k >= len(t) || t[k] != '>' {
			return
		}
		dest = t[j+1 : k]
		j = k + 1
	} else {
		k, parens := j, 0
	dest:
		for ; k < len(t); k++ {
			switch c := t[k]; {
			case c == '\\':
				k++
			case c == '(':
				parens++
			case c == ')':
				if parens == 0 {
					break dest
				}
				parens--
			case c <= ' ' || c == 0x7f:
				break dest
			}
		}
		k = min(k, len(t))
		dest = t[j:k]
		j = k
	}
	if dest == "" {
		return
	}
	j = skipSpace(t, j)
	if j < len(t) && (t[j] == '"' || t[j] == '\'' || t[j] == '(') && j > 0 && isSpace(t[j-1]) {
		closer := t[j]
		if closer == '(' {
			closer = ')'
		}
		k := j + 1
		for k < len(t) && t[k] != closer {
			if k-j > maxMarkup {
				return
			}
			if t[k] == '\\' {
				k++
			}
			k++
		}
		if k >= len(t) {
			return
		}
		j = skipSpace(t, k+1)
	}
	if j >= len(t) || t[j] != ')' {
		return
	}
	return alt, dest, j + 1, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace skips spaces and tabs and at most one line break.
func skipSpace(t string, j int) int {
	nl := false
	for j < len(t) {
		switch t[j] {
		case ' ', '\t', '\r':
		case '\n':
			if nl {
				return j
			}
			nl = true
		default:
			return j
		}
		j++
	}
	return j
}

// codeSpans returns the byte ranges of t that are code: fenced code blocks
// (``` or ~~~ lines; an unclosed fence runs to the end) and code spans
// (`code`, “code“), in order.
func codeSpans(t string) [][2]int {
	var spans [][2]int
	// Fenced blocks, line by line.
	var fences [][2]int
	open, fenceChar, fenceLen := -1, byte(0), 0
	for ls := 0; ls < len(t); {
		le := strings.IndexByte(t[ls:], '\n')
		next := len(t)
		if le < 0 {
			le = len(t)
		} else {
			le += ls
			next = le + 1
		}
		line := t[ls:le]
		ind := len(line) - len(strings.TrimLeft(line, " "))
		if ind <= 3 {
			body := line[ind:]
			n := 0
			for n < len(body) && (body[n] == '`' || body[n] == '~') && body[n] == body[0] {
				n++
			}
			switch {
			case open < 0 && n >= 3 && !(body[0] == '`' && strings.Contains(body[n:], "`")):
				open, fenceChar, fenceLen = ls, body[0], n
			case open >= 0 && n >= fenceLen && body[0] == fenceChar && strings.TrimSpace(body[n:]) == "":
				fences = append(fences, [2]int{open, next})
				open = -1
			}
		}
		ls = next
	}
	if open >= 0 {
		fences = append(fences, [2]int{open, len(t)})
	}
	// Code spans outside the fences: a run of n backticks up to the next
	// run of exactly n. runs lists the starts of the runs by length.
	runs := map[int][]int{}
	for i := 0; i < len(t); {
		if t[i] != '`' {
			i++
			continue
		}
		n := runLen(t, i, '`')
		runs[n] = append(runs[n], i)
		i += n
	}
	fi := 0
	for i := 0; i < len(t); {
		if fi < len(fences) && i >= fences[fi][0] {
			spans = append(spans, fences[fi])
			i = fences[fi][1]
			fi++
			continue
		}
		if t[i] == '\\' {
			i += 2
			continue
		}
		if t[i] != '`' {
			i++
			continue
		}
		n := runLen(t, i, '`')
		limit := len(t)
		if fi < len(fences) {
			limit = fences[fi][0]
		}
		closeAt := -1
		if starts := runs[n]; len(starts) > 0 {
			if k := sort.SearchInts(starts, i+n); k < len(starts) && starts[k] < limit {
				closeAt = starts[k] + n
			}
		}
		if closeAt < 0 {
			i += n // literal backticks
			continue
		}
		spans = append(spans, [2]int{i, closeAt})
		i = closeAt
	}
	return spans
}

func runLen(t string, i int, c byte) int {
	n := 0
	for i+n < len(t) && t[i+n] == c {
		n++
	}
	return n
}

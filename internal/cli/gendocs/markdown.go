package main

import "strings"

// markdown turns a help text written for the terminal into Markdown that
// renders as the terminal shows it, for cobra's man and Markdown generators
// (which paste the text into Markdown as it is):
//
//   - a run of indented lines (a table, a command to type) becomes a fenced
//     code block, without the indentation the lines share, so that its line
//     breaks and alignment are kept;
//   - in the other lines, what Markdown would take for markup is escaped
//     (see [escapeInline]); they are reflowed into paragraphs, as a man page
//     reader and a Markdown viewer do.
func markdown(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	for i := 0; i < len(lines); {
		if !indented(lines[i]) {
			out = append(out, escapeInline(lines[i]))
			i++
			continue
		}
		j := i
		for j < len(lines) && indented(lines[j]) {
			j++
		}
		block := lines[i:j]
		prefix := commonIndent(block)
		fence := fenceFor(block)
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
		out = append(out, fence)
		for _, l := range block {
			out = append(out, strings.TrimPrefix(l, prefix))
		}
		out = append(out, fence)
		if j < len(lines) && lines[j] != "" {
			out = append(out, "")
		}
		i = j
	}
	return strings.Join(out, "\n")
}

// indented reports whether line starts with a space or a tab and has
// something after it.
func indented(line string) bool {
	return (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && strings.TrimSpace(line) != ""
}

// commonIndent returns the leading spaces and tabs that every line of lines
// starts with.
func commonIndent(lines []string) string {
	prefix := lines[0][:len(lines[0])-len(strings.TrimLeft(lines[0], " \t"))]
	for _, l := range lines[1:] {
		for !strings.HasPrefix(l, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	return prefix
}

// fenceFor returns a code fence longer than any run of backquotes in lines.
func fenceFor(lines []string) string {
	longest := 0
	for _, l := range lines {
		run := 0
		for _, c := range []byte(l) {
			if c == '`' {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// escapeInline escapes what Markdown would take for markup in s, so that it
// renders as written: emphasis (* _), links and images ([ ] after !), HTML
// (< >), strikethrough (~), backslashes, and at the start of a line the
// marks of headings, lists, quotes and definition lists (# + - : > and
// "1." or "1)"). A span between two backquotes is left as it is: it is code,
// as in a flag's usage ("the `FILE` to read"), which the man page shows in
// bold.
func escapeInline(s string) string {
	var b strings.Builder
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '`' {
			if end := strings.IndexByte(s[i+1:], '`'); end >= 0 {
				b.WriteString(s[i : i+1+end+1])
				i += end + 1
				lineStart = false
				continue
			}
		}
		switch {
		case strings.IndexByte("\\`*_[]<>~", c) >= 0,
			lineStart && strings.IndexByte("#+-:", c) >= 0:
			b.WriteByte('\\')
		case lineStart && c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(s[i:j])
			if j < len(s) && (s[j] == '.' || s[j] == ')') {
				b.WriteByte('\\')
			}
			i = j - 1
			lineStart = false
			continue
		}
		b.WriteByte(c)
		lineStart = c == '\n'
	}
	return b.String()
}

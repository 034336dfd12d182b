// Package report writes lint verdicts in the machine formats CI systems read:
// JSON Lines ([NewJSON]), GitHub Actions workflow commands ([NewGitHub]),
// SARIF 2.1.0 ([NewSARIF]) and JUnit XML ([NewJUnit]).
//
// A [Writer] is fed a stream of verdicts ([lint.Report], one per post per
// profile) and of input errors, in the order they should appear, and is
// closed at the end. The streaming formats (JSON, GitHub) write as they go,
// buffered; the document formats (SARIF, JUnit) keep what they need and
// write everything at Close. No writer closes the io.Writer it was given.
//
// Writers are not safe for concurrent use: a caller that checks posts in
// parallel must serialise its calls (it has to anyway, to keep the order).
package report

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
)

// InputError is a problem with an input rather than a post: an unreadable
// file, malformed front matter, JSON, YAML or CSV, invalid UTF-8.
type InputError struct {
	// File is the path as given, "stdin" for standard input.
	File string
	// Pos is where in File the problem is; zero when unknown.
	Pos     post.Pos
	Message string
}

// Error implements error, in the usual FILE:LINE:COL: MESSAGE form.
func (e *InputError) Error() string {
	return locString(e.File, e.Pos) + ": " + e.Message
}

// Writer turns verdicts and input errors into one output format.
type Writer interface {
	// Post reports one verdict: one post under one profile.
	Post(r *lint.Report) error
	// InputError reports an input that could not be read or parsed.
	InputError(e *InputError) error
	// Close finishes the document (SARIF and JUnit are written here) and
	// flushes. It does not close the underlying io.Writer. Post and
	// InputError fail after Close.
	Close() error
}

// Options are what every format may need besides the verdicts.
type Options struct {
	// ToolVersion is tweetlen's version, e.g. "v0.3.0" or "(devel)"; ""
	// leaves it out.
	ToolVersion string
	// BaseDir is the directory SARIF artifact URIs are made relative to
	// (usually the repository root); "" writes paths as given.
	BaseDir string
	// Source, when set, returns the content of a reported file (nil when
	// it is not known). SARIF uses it to give columns in UTF-16 code units,
	// its default unit and the one GitHub's code scanning reads; tweetlen's
	// own columns count grapheme clusters.
	Source func(file string) []byte
}

// Tool facts used by the document formats.
const (
	toolName = "tweetlen"
	toolURI  = "https://github.com/tweetlen/tweetlen"
)

// RuleInputError is the rule name under which SARIF and JUnit report an
// [InputError].
const RuleInputError = "input-error"

// stdinName is what post.Source.File holds for standard input.
const stdinName = "stdin"

var (
	errClosed    = errors.New("report: writer is closed")
	errNilReport = errors.New("report: nil report or post")
)

// ruleDescriptions are the one-line descriptions of the rules, for SARIF's
// reportingDescriptor.shortDescription.
var ruleDescriptions = map[string]string{
	lint.RuleLength:       "The post is over the profile's length limit.",
	lint.RuleEmpty:        "The post has no text and no attachment.",
	lint.RuleInvalidChar:  "The text contains a character the platform rejects (U+FFFE, U+FEFF or U+FFFF).",
	lint.RuleMediaCount:   "The post has too many images, GIFs or videos.",
	lint.RuleMediaMix:     "The post mixes images, GIFs and videos.",
	lint.RuleMediaMissing: "An attached file does not exist or cannot be read.",
	lint.RuleMediaType:    "An attached file is not an accepted image or video format.",
	lint.RuleMediaSize:    "An attached file is too large.",
	lint.RuleMediaLength:  "An attached video is too short or too long.",
	lint.RuleAltLength:    "The alt text of an attachment is too long.",
	lint.RulePollOptions:  "The poll has too few or too many options.",
	lint.RulePollOption:   "A poll option is too long or empty.",
	lint.RulePollDuration: "The poll's duration is out of range.",
	lint.RulePollMedia:    "The post has both a poll and media.",
	RuleInputError:        "An input file could not be read or parsed.",
}

// ruleDescription returns the short description of rule.
func ruleDescription(rule string) string {
	if d, ok := ruleDescriptions[rule]; ok {
		return d
	}
	return "tweetlen rule " + rule + "."
}

// locString formats a file and a position as FILE, FILE:LINE or
// FILE:LINE:COL.
func locString(file string, pos post.Pos) string {
	var b strings.Builder
	b.WriteString(file)
	if pos.Line > 0 {
		b.WriteByte(':')
		b.WriteString(itoa(pos.Line))
		if pos.Column > 0 {
			b.WriteByte(':')
			b.WriteString(itoa(pos.Column))
		}
	}
	return b.String()
}

func itoa(v int) string { return string(appendInt(nil, v)) }

// validUTF8 returns s with each byte that is not part of a valid UTF-8
// sequence replaced by U+FFFD (as encoding/json and encoding/xml do).
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// mediaOrigin names how an attachment was given.
func mediaOrigin(o post.MediaOrigin) string {
	switch o {
	case post.MarkdownImage:
		return "markdown"
	case post.PicLink:
		return "pic.twitter.com"
	}
	return "declared"
}

package report

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/rivo/uniseg"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
)

// sarifSchemaURI is the $schema of the documents written: the id of the
// official SARIF 2.1.0 schema (errata 01).
const sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// srcRoot is the uriBaseId of artifact URIs relative to Options.BaseDir.
const srcRoot = "%SRCROOT%"

// NewSARIF returns a Writer of one SARIF 2.1.0 log, written (indented) at
// Close, for code-scanning tools such as GitHub's.
//
// The log has one run. Its tool driver is "tweetlen" with
// informationUri https://github.com/tweetlen/tweetlen and the version of
// Options.ToolVersion, and one reportingDescriptor per rule that occurs,
// sorted by id: id = the rule's name, a shortDescription, and a
// defaultConfiguration level of "error" if any of the rule's results is an
// error, else "warning". Each problem is one result: ruleId, ruleIndex,
// level ("error" or "warning"), message.text, the profile in
// properties.profile, and one location whose artifactLocation.uri is the
// file as a URI reference (forward slashes, percent-encoded; "stdin" for
// standard input) and whose region has startLine, startColumn, endLine and
// endColumn, each left out when unknown (and the region when the line is).
// An input error is a result of ruleId "input-error", level "error". Posts
// without problems add no result; a run without any has "results": [].
//
// URIs: with Options.BaseDir set, a file inside it is written relative to it
// with uriBaseId "%SRCROOT%", which run.originalUriBaseIds maps to BaseDir's
// absolute file: URI; a file outside it is written as an absolute file: URI.
// Without BaseDir a relative path is written as given (cleaned) and an
// absolute one as a file: URI.
//
// Columns: tweetlen counts columns in grapheme clusters (what an editor
// shows as characters); SARIF knows only UTF-16 code units (its default,
// which GitHub's code scanning reads) and Unicode code points. With
// Options.Source, each column is converted to UTF-16 code units from the
// line's text, and the run declares columnKind "utf16CodeUnits". Without it
// (or for a file Source does not know) the grapheme column is written as
// is, and the run declares "unicodeCodePoints", the closer unit: both agree
// on lines without multi-code-point clusters before the column.
func NewSARIF(w io.Writer, opts Options) Writer {
	return &sarifWriter{out: w, opts: opts, levels: map[string]string{}}
}

type sarifItem struct {
	rule, level, message string
	file                 string
	pos, end             post.Pos
	profile              string // "" for input errors
}

type sarifWriter struct {
	out    io.Writer
	opts   Options
	items  []sarifItem
	levels map[string]string // rule → its most severe level
	closed bool
}

func (s *sarifWriter) add(it sarifItem) {
	s.items = append(s.items, it)
	if s.levels[it.rule] != sarif.LevelError {
		s.levels[it.rule] = it.level
	}
}

func (s *sarifWriter) Post(r *lint.Report) error {
	if s.closed {
		return errClosed
	}
	if r == nil || r.Post == nil {
		return errNilReport
	}
	profile := ""
	if r.Profile != nil {
		profile = r.Profile.Name
	}
	for i := range r.Problems {
		p := &r.Problems[i]
		level := sarif.LevelError
		if p.Severity == lint.Warning {
			level = sarif.LevelWarning
		}
		s.add(sarifItem{
			rule: p.Rule, level: level, message: p.Message,
			file: r.Post.Source.File, pos: p.Pos, end: p.End, profile: profile,
		})
	}
	return nil
}

func (s *sarifWriter) InputError(e *InputError) error {
	if s.closed {
		return errClosed
	}
	s.add(sarifItem{rule: RuleInputError, level: sarif.LevelError, message: e.Message, file: e.File, pos: e.Pos})
	return nil
}

func (s *sarifWriter) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	doc := s.build()
	enc := json.NewEncoder(s.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// build makes the SARIF log of everything reported.
func (s *sarifWriter) build() *sarif.Report {
	doc := sarif.NewReport()
	doc.Schema = sarifSchemaURI

	run := sarif.NewRunWithInformationURI(toolName, toolURI)
	if s.opts.ToolVersion != "" {
		run.Tool.Driver.WithVersion(s.opts.ToolVersion)
	}
	if s.opts.Source != nil {
		run.WithColumnKind("utf16CodeUnits")
	} else {
		run.WithColumnKind("unicodeCodePoints")
	}

	rules := make([]string, 0, len(s.levels))
	for rule := range s.levels {
		rules = append(rules, rule)
	}
	sort.Strings(rules)
	index := make(map[string]int, len(rules))
	for i, rule := range rules {
		index[rule] = i
		d := sarif.NewRule(rule).WithDescription(ruleDescription(rule))
		cfg := sarif.NewReportingConfiguration()
		cfg.Level = s.levels[rule]
		d.WithDefaultConfiguration(cfg)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, d)
	}

	var base string // BaseDir, absolute; "" when not used
	if s.opts.BaseDir != "" {
		if abs, err := filepath.Abs(s.opts.BaseDir); err == nil {
			base = abs
		}
	}
	usedBase := false
	for i := range s.items {
		it := &s.items[i]
		res := sarif.NewRuleResult(it.rule).
			WithRuleIndex(index[it.rule]).
			WithLevel(it.level).
			WithMessage(sarif.NewTextMessage(validUTF8(it.message)))
		if it.profile != "" {
			res.WithProperties(sarif.NewPropertyBag().Add("profile", it.profile))
		}
		if it.file != "" {
			uri, relative := artifactURI(it.file, base)
			loc := sarif.NewSimpleArtifactLocation(uri)
			if relative {
				loc.WithURIBaseID(srcRoot)
				usedBase = true
			}
			phys := sarif.NewPhysicalLocation().WithArtifactLocation(loc)
			pos, end := it.pos, it.end
			if s.opts.Source != nil {
				if src := s.opts.Source(it.file); src != nil {
					pos.Column = utf16Column(src, pos)
					end.Column = utf16Column(src, end)
				}
			}
			if reg := sarifRegion(pos, end); reg != nil {
				phys.WithRegion(reg)
			}
			res.AddLocation(sarif.NewLocationWithPhysicalLocation(phys))
		}
		run.AddResult(res)
	}
	if usedBase {
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			srcRoot: *sarif.NewSimpleArtifactLocation(fileURI(base) + "/"),
		})
	}
	doc.AddRun(run)
	return doc
}

// sarifRegion returns the region from pos to end, nil when pos is unknown.
// An end that is unknown or before pos is left out.
func sarifRegion(pos, end post.Pos) *sarif.Region {
	if pos.Line <= 0 {
		return nil
	}
	reg := sarif.NewRegion().WithStartLine(pos.Line)
	if pos.Column > 0 {
		reg.WithStartColumn(pos.Column)
	}
	switch {
	case end.Line <= 0 || end.Line < pos.Line:
	case end.Line == pos.Line && end.Column > 0 && pos.Column > 0 && end.Column < pos.Column:
	default:
		reg.WithEndLine(end.Line)
		if end.Column > 0 {
			reg.WithEndColumn(end.Column)
		}
	}
	return reg
}

// artifactURI returns the URI reference of file and whether it is relative
// to base (the absolute BaseDir, "" for none).
func artifactURI(file, base string) (uri string, relative bool) {
	if file == stdinName {
		return stdinName, false
	}
	if base != "" {
		abs, err := filepath.Abs(file)
		if err == nil {
			rel, err := filepath.Rel(base, abs)
			if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return escapePath(filepath.ToSlash(rel), false), true
			}
			return fileURI(abs), false
		}
	}
	if filepath.IsAbs(file) {
		return fileURI(file), false
	}
	return escapePath(filepath.ToSlash(filepath.Clean(file)), false), false
}

// fileURI returns the file: URI of the absolute path abs.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/…
	}
	return "file://" + escapePath(p, true)
}

// escapePath percent-encodes a slash-separated path for a URI: everything
// but the unreserved characters, the sub-delimiters, "@", "/" and, when
// colon is set, ":" (a relative reference may not have a colon in its first
// segment, so relative paths encode it everywhere).
func escapePath(p string, colon bool) string {
	const upperHex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		if keepInPath(c) || (colon && c == ':') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&0xF])
	}
	return b.String()
}

func keepInPath(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~', // unreserved
		'!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', // sub-delims
		'@', '/':
		return true
	}
	return false
}

// utf16Column returns pos's column, counted in grapheme clusters, in UTF-16
// code units of its line of src (a byte order mark at the start of the file
// is not counted). A column past the end of the line counts one unit per
// missing cluster; an unknown column (0) stays 0.
func utf16Column(src []byte, pos post.Pos) int {
	if pos.Line <= 0 || pos.Column <= 0 {
		return pos.Column
	}
	line := src
	for range pos.Line - 1 {
		i := bytes.IndexByte(line, '\n')
		if i < 0 {
			return pos.Column // no such line: leave the column as it is
		}
		line = line[i+1:]
	}
	if pos.Line == 1 {
		line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	}
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	col, state := 1, -1
	for n := 1; n < pos.Column; n++ {
		if len(line) == 0 {
			col += pos.Column - n
			break
		}
		var cluster []byte
		cluster, line, _, state = uniseg.Step(line, state)
		for _, r := range string(cluster) {
			col += utf16.RuneLen(r)
		}
	}
	return col
}

package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
)

// The official SARIF 2.1.0 schema, as go-sarif ships it (in an unexported
// constant), compiled by an independent validator.
var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// sarifSchemaText reads the schema out of go-sarif's source in the module
// cache: the text in backquotes after "const schema =".
func sarifSchemaText() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3").Output()
	if err != nil {
		return "", err
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "pkg", "report", "v210", "sarif", "schema.go"))
	if err != nil {
		return "", err
	}
	const start = "const schema = `"
	_, rest, ok := strings.Cut(string(src), start)
	if !ok {
		return "", os.ErrNotExist
	}
	text, _, ok := strings.Cut(rest, "`")
	if !ok {
		return "", os.ErrNotExist
	}
	return text, nil
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		text, err := sarifSchemaText()
		if err != nil {
			schemaErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
		if err != nil {
			schemaErr = err
			return
		}
		const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if schemaErr = c.AddResource(url, doc); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile(url)
	})
	if schemaErr != nil {
		t.Fatalf("loading the SARIF schema: %v", schemaErr)
	}
	return schema
}

// validateSARIF checks out against the SARIF 2.1.0 schema twice: the raw
// bytes with jsonschema/v6, and go-sarif's Validate on the document parsed
// back into its types. It returns the parsed document and the raw one.
func validateSARIF(t *testing.T, out string) (*sarif.Report, map[string]any) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Errorf("raw output does not validate: %v\n%s", err, out)
	}
	doc, err := sarif.FromString(out)
	if err != nil {
		t.Fatalf("go-sarif cannot read the output: %v", err)
	}
	if err := doc.Validate(); err != nil {
		t.Errorf("go-sarif Validate: %v", err)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	return doc, raw
}

func sarifOut(t *testing.T, opts Options, feed func(Writer)) string {
	t.Helper()
	return run(t, func(b *bytes.Buffer) Writer { return NewSARIF(b, opts) }, feed)
}

// TestSARIFSchemaRejects makes sure the raw validation is not vacuous.
func TestSARIFSchemaRejects(t *testing.T) {
	out := sarifOut(t, Options{}, func(w Writer) {
		mustPost(t, w, verdict(t, "a.md", "hi", problem(lint.RuleEmpty, lint.Error, "empty", 1, 1, 0, 0)))
	})
	for _, bad := range []string{
		strings.Replace(out, `"version": "2.1.0"`, `"version": "2.0.0"`, 1),
		strings.Replace(out, `"level": "error"`, `"level": "fatal"`, 1),
		strings.Replace(out, `"startLine": 1`, `"startLine": 0`, 1),
		strings.Replace(out, `"columnKind": "unicodeCodePoints"`, `"columnKind": "graphemes"`, 1),
	} {
		if bad == out {
			t.Fatalf("mutation did not apply to\n%s", out)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sarifSchema(t).Validate(inst) == nil {
			t.Errorf("schema accepted an invalid log:\n%s", bad)
		}
	}
}

func TestSARIFEmpty(t *testing.T) {
	out := sarifOut(t, Options{ToolVersion: "(devel)"}, func(w Writer) {
		mustPost(t, w, verdict(t, "posts/ok.md", "all good"))
	})
	doc, raw := validateSARIF(t, out)
	if doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("version %q, %d runs", doc.Version, len(doc.Runs))
	}
	run := raw["runs"].([]any)[0].(map[string]any)
	results, ok := run["results"].([]any)
	if !ok || len(results) != 0 {
		t.Errorf(`results = %#v, want []`, run["results"])
	}
	if run["columnKind"] != "unicodeCodePoints" {
		t.Errorf("columnKind = %v", run["columnKind"])
	}
	d := doc.Runs[0].Tool.Driver
	if *d.Name != "tweetlen" || *d.InformationURI != "https://github.com/tweetlen/tweetlen" || *d.Version != "(devel)" {
		t.Errorf("driver = %s %s %s", *d.Name, *d.InformationURI, *d.Version)
	}
	if len(d.Rules) != 0 {
		t.Errorf("%d rules, want none", len(d.Rules))
	}
	if !strings.HasSuffix(out, "\n") {
		t.Error("no final newline")
	}
}

func TestSARIFNothingAtAll(t *testing.T) {
	out := sarifOut(t, Options{}, func(Writer) {})
	doc, _ := validateSARIF(t, out)
	if len(doc.Runs) != 1 || len(doc.Runs[0].Results) != 0 {
		t.Errorf("runs = %d", len(doc.Runs))
	}
	if doc.Runs[0].Tool.Driver.Version != nil {
		t.Errorf("version %q without ToolVersion", *doc.Runs[0].Tool.Driver.Version)
	}
}

func TestSARIFResults(t *testing.T) {
	a := verdict(t, "posts/a.md", strings.Repeat("a", 150))
	overLimit(a, 140, post.Pos{Line: 3, Column: 141}, post.Pos{Line: 3, Column: 151})
	a.Problems = append(a.Problems, problem(lint.RuleAltLength, lint.Warning, "alt text is 1500 characters, over 1000", 2, 8, 0, 0))
	b := verdict(t, "posts/b.md", "ok", problem(lint.RuleAltLength, lint.Warning, "long alt", 0, 0, 0, 0))
	c := verdict(t, "posts/c.md", "fine")
	d := verdict(t, "posts/d.md", "", problem(lint.RuleEmpty, lint.Error, "the post is empty", 1, 1, 0, 0))

	out := sarifOut(t, Options{ToolVersion: "v0.3.0"}, func(w Writer) {
		mustPost(t, w, a)
		mustPost(t, w, b)
		mustPost(t, w, c)
		mustInputError(t, w, &InputError{File: "posts/bad.json", Pos: post.Pos{Line: 7, Column: 2}, Message: "unexpected end of JSON input"})
		mustPost(t, w, d)
	})
	doc, _ := validateSARIF(t, out)
	run := doc.Runs[0]

	// Rules: one per rule that occurs, sorted, with the most severe level.
	var rules []string
	for _, r := range run.Tool.Driver.Rules {
		rules = append(rules, *r.ID+"="+r.DefaultConfiguration.Level)
		if r.ShortDescription == nil || r.ShortDescription.Text == nil || *r.ShortDescription.Text == "" {
			t.Errorf("rule %s has no shortDescription", *r.ID)
		}
	}
	if want := []string{"alt-length=warning", "empty=error", "input-error=error", "length=error"}; !reflect.DeepEqual(rules, want) {
		t.Errorf("rules = %q, want %q", rules, want)
	}

	type row struct {
		rule, level, msg, uri string
		region                string
		profile               any
	}
	var got []row
	for _, res := range run.Results {
		if got, want := *run.Tool.Driver.Rules[res.RuleIndex].ID, *res.RuleID; got != want {
			t.Errorf("ruleIndex %d names %s, ruleId is %s", res.RuleIndex, got, want)
		}
		r := row{rule: *res.RuleID, level: res.Level, msg: *res.Message.Text}
		if res.Properties != nil {
			r.profile = res.Properties.Properties["profile"]
		}
		if len(res.Locations) != 1 {
			t.Fatalf("%d locations", len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		r.uri = *pl.ArtifactLocation.URI
		if pl.ArtifactLocation.URIBaseID != nil {
			t.Errorf("uriBaseId %q without BaseDir", *pl.ArtifactLocation.URIBaseID)
		}
		if reg := pl.Region; reg != nil {
			r.region = regionString(reg)
		}
		got = append(got, r)
	}
	want := []row{
		{"length", "error", "post is 150/140 characters, 10 over", "posts/a.md", "3:141-3:151", "twitter"},
		{"alt-length", "warning", "alt text is 1500 characters, over 1000", "posts/a.md", "2:8-", "twitter"},
		{"alt-length", "warning", "long alt", "posts/b.md", "", "twitter"},
		{"input-error", "error", "unexpected end of JSON input", "posts/bad.json", "7:2-", nil},
		{"empty", "error", "the post is empty", "posts/d.md", "1:1-", "twitter"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results:\n%v\nwant\n%v", got, want)
	}
}

// regionString shows a region as L:C-EL:EC with the unknown parts empty.
func regionString(r *sarif.Region) string {
	s := func(p *int) string {
		if p == nil {
			return ""
		}
		return itoa(*p)
	}
	return s(r.StartLine) + ":" + s(r.StartColumn) + "-" + strings.TrimSuffix(s(r.EndLine)+":"+s(r.EndColumn), ":")
}

func TestSARIFRegions(t *testing.T) {
	for _, tc := range []struct {
		pos, end post.Pos
		want     string // "" for no region
	}{
		{post.Pos{}, post.Pos{}, ""},
		{post.Pos{}, post.Pos{Line: 2, Column: 3}, ""},
		{post.Pos{Line: 4}, post.Pos{}, "4:-"},
		{post.Pos{Line: 4, Column: 2}, post.Pos{Line: 6}, "4:2-6"},
		{post.Pos{Line: 4, Column: 2}, post.Pos{Line: 4, Column: 9}, "4:2-4:9"},
		{post.Pos{Line: 4, Column: 2}, post.Pos{Line: 4, Column: 2}, "4:2-4:2"}, // empty: an insertion point
		{post.Pos{Line: 4, Column: 5}, post.Pos{Line: 4, Column: 2}, "4:5-"},    // backwards: end dropped
		{post.Pos{Line: 4, Column: 5}, post.Pos{Line: 3, Column: 9}, "4:5-"},
	} {
		reg := sarifRegion(tc.pos, tc.end)
		got := ""
		if reg != nil {
			got = regionString(reg)
		}
		if got != tc.want {
			t.Errorf("region(%v, %v) = %q, want %q", tc.pos, tc.end, got, tc.want)
		}
	}
	// And every shape validates.
	out := sarifOut(t, Options{}, func(w Writer) {
		mustPost(t, w, verdict(t, "p.md", "x",
			problem(lint.RuleLength, lint.Error, "a", 0, 0, 0, 0),
			problem(lint.RuleLength, lint.Error, "b", 4, 0, 0, 0),
			problem(lint.RuleLength, lint.Error, "c", 4, 2, 6, 0),
			problem(lint.RuleLength, lint.Error, "d", 4, 2, 4, 2),
			problem(lint.RuleLength, lint.Error, "e", 4, 5, 3, 9),
		))
	})
	validateSARIF(t, out)
}

func TestSARIFURIs(t *testing.T) {
	abs, err := filepath.Abs("testdata-not-there/x y.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, want string
	}{
		{"posts/a.md", "posts/a.md"},
		{"./posts/../posts/a.md", "posts/a.md"},
		{"stdin", "stdin"},
		{"posts/café ü/𝕏 #1%?.md", "posts/caf%C3%A9%20%C3%BC/%F0%9D%95%8F%20%231%25%3F.md"},
		{"a:b.md", "a%3Ab.md"},
		{"日本語/ポスト.txt", "%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%9D%E3%82%B9%E3%83%88.txt"},
		{"we're (1),[2]&3=4+5;6@7~8.md", "we're%20(1),%5B2%5D&3=4+5;6@7~8.md"},
		{`back\slash.md`, "back%5Cslash.md"},
		{abs, "file://" + strings.ReplaceAll(filepath.ToSlash(abs), " ", "%20")},
	} {
		if got, rel := artifactURI(tc.file, ""); got != tc.want || rel {
			t.Errorf("artifactURI(%q) = %q, %v; want %q", tc.file, got, rel, tc.want)
		}
	}

	// The same files through the writer, with odd messages: the log
	// validates (uri-reference format included).
	out := sarifOut(t, Options{}, func(w Writer) {
		for _, f := range []string{"posts/café ü/𝕏 #1%?.md", "a:b.md", "stdin", abs, oddText} {
			mustPost(t, w, verdict(t, f, "x", problem(lint.RuleInvalidChar, lint.Error, oddText, 1, 1, 1, 2)))
		}
		mustInputError(t, w, &InputError{File: "日本語/ポスト.txt", Message: oddText})
		mustInputError(t, w, &InputError{Message: "no file at all"})
	})
	doc, _ := validateSARIF(t, out)
	res := doc.Runs[0].Results
	if len(res) != 7 {
		t.Fatalf("%d results, want 7", len(res))
	}
	if got, want := *res[0].Message.Text, validUTF8(oddText); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if got := *res[2].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "stdin" {
		t.Errorf("stdin uri = %q", got)
	}
	if n := len(res[6].Locations); n != 0 {
		t.Errorf("input error without a file has %d locations", n)
	}
}

func TestSARIFBaseDir(t *testing.T) {
	base := t.TempDir()
	inside := filepath.Join(base, "posts", "a b.md")
	outside := filepath.Join(filepath.Dir(base), "elsewhere.md")

	// A relative file is relative to the working directory.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	out := sarifOut(t, Options{BaseDir: base}, func(w Writer) {
		mustPost(t, w, verdict(t, inside, "x", problem(lint.RuleEmpty, lint.Error, "m", 1, 1, 0, 0)))
		mustPost(t, w, verdict(t, outside, "x", problem(lint.RuleEmpty, lint.Error, "m", 1, 1, 0, 0)))
		mustPost(t, w, verdict(t, "stdin", "x", problem(lint.RuleEmpty, lint.Error, "m", 1, 1, 0, 0)))
	})
	doc, _ := validateSARIF(t, out)
	run := doc.Runs[0]
	loc := func(i int) *sarif.ArtifactLocation {
		return run.Results[i].Locations[0].PhysicalLocation.ArtifactLocation
	}

	if got := *loc(0).URI; got != "posts/a%20b.md" {
		t.Errorf("inside: uri %q", got)
	}
	if loc(0).URIBaseID == nil || *loc(0).URIBaseID != "%SRCROOT%" {
		t.Errorf("inside: uriBaseId %v", loc(0).URIBaseID)
	}
	if got, want := *loc(1).URI, fileURI(outside); got != want || loc(1).URIBaseID != nil {
		t.Errorf("outside: uri %q, want %q (uriBaseId %v)", got, want, loc(1).URIBaseID)
	}
	if !strings.HasPrefix(*loc(1).URI, "file:///") {
		t.Errorf("outside: %q is not an absolute file URI", *loc(1).URI)
	}
	if got := *loc(2).URI; got != "stdin" || loc(2).URIBaseID != nil {
		t.Errorf("stdin: %q", got)
	}
	root, ok := run.OriginalUriBaseIds["%SRCROOT%"]
	if !ok || root.URI == nil || *root.URI != fileURI(base)+"/" {
		t.Errorf("originalUriBaseIds = %v, want %s/", run.OriginalUriBaseIds, fileURI(base))
	}

	// A relative path under a relative BaseDir.
	if uri, rel := artifactURI("posts/x.md", wd); uri != "posts/x.md" || !rel {
		t.Errorf("relative under cwd: %q, %v", uri, rel)
	}
	if uri, rel := artifactURI("../x.md", wd); rel || !strings.HasPrefix(uri, "file:///") {
		t.Errorf("../x.md under cwd: %q, %v", uri, rel)
	}

	// Without results needing it, no originalUriBaseIds.
	out = sarifOut(t, Options{BaseDir: base}, func(Writer) {})
	doc, _ = validateSARIF(t, out)
	if len(doc.Runs[0].OriginalUriBaseIds) != 0 {
		t.Errorf("originalUriBaseIds without results: %v", doc.Runs[0].OriginalUriBaseIds)
	}
}

// TestSARIFUTF16Columns checks that with Options.Source the grapheme
// columns of tweetlen become UTF-16 columns of the file's line.
func TestSARIFUTF16Columns(t *testing.T) {
	// Line 2: a family (5 code points, 8 UTF-16 units, 1 grapheme), a
	// space, é decomposed (2 units, 1 grapheme), a space, 🎉 (2 units).
	file := "\uFEFF---\n👩\u200d👩\u200d👧 e\u0301 🎉 over\n"
	a := verdict(t, "posts/a.tweet", "x")
	overLimit(a, 140, post.Pos{Line: 2, Column: 6}, post.Pos{Line: 2, Column: 10})
	a.Problems = append(a.Problems, problem(lint.RuleAltLength, lint.Warning, "alt", 1, 3, 0, 0))
	b := verdict(t, "posts/b.tweet", "y", problem(lint.RuleEmpty, lint.Error, "empty", 2, 3, 0, 0))
	sources := map[string][]byte{"posts/a.tweet": []byte(file)}
	out := sarifOut(t, Options{Source: func(f string) []byte { return sources[f] }}, func(w Writer) {
		mustPost(t, w, a)
		mustPost(t, w, b)
	})
	doc, raw := validateSARIF(t, out)
	if kind := raw["runs"].([]any)[0].(map[string]any)["columnKind"]; kind != "utf16CodeUnits" {
		t.Errorf("columnKind = %v, want utf16CodeUnits", kind)
	}
	var got [][4]int
	for _, res := range doc.Runs[0].Results {
		reg := res.Locations[0].PhysicalLocation.Region
		c := [4]int{*reg.StartLine, *reg.StartColumn, 0, 0}
		if reg.EndLine != nil {
			c[2], c[3] = *reg.EndLine, *reg.EndColumn
		}
		got = append(got, c)
	}
	want := [][4]int{
		{2, 8 + 1 + 2 + 1 + 2 + 1, 2, 8 + 1 + 2 + 1 + 2 + 1 + 4}, // "over": after 5 graphemes
		{1, 3, 0, 0}, // the BOM is not counted
		{2, 3, 0, 0}, // a file Source does not know keeps its column
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("regions = %v, want %v", got, want)
	}
	if out := sarifOut(t, Options{}, func(w Writer) { mustPost(t, w, a) }); !strings.Contains(out, `"columnKind": "unicodeCodePoints"`) {
		t.Errorf("without Source the run should declare unicodeCodePoints:\n%s", out)
	}
}

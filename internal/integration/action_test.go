package integration

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// action is action.yml, with the keys GitHub's metadata syntax allows for a
// composite action (an unknown one fails the test).
type action struct {
	Name        string                 `yaml:"name"`
	Description string                 `yaml:"description"`
	Author      string                 `yaml:"author"`
	Branding    map[string]string      `yaml:"branding"`
	Inputs      map[string]actionInput `yaml:"inputs"`
	Outputs     map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionInput struct {
	Description        string `yaml:"description"`
	Required           bool   `yaml:"required"`
	Default            string `yaml:"default"`
	DeprecationMessage string `yaml:"deprecationMessage"`
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
	ContinueOnError  string            `yaml:"continue-on-error"`
}

func loadAction(t *testing.T) *action {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	decodeStrict(t, "action.yml", data, &a)
	if a.Runs.Using != "composite" {
		t.Fatalf("action.yml: runs.using %q, want composite", a.Runs.Using)
	}
	return &a
}

// actionRun is one run of the action, as GitHub's runner would make it on a
// Linux runner, for the steps it can run here: `uses:` steps are recorded
// with their `with:` evaluated, not run; `run:` steps are run with bash.
type actionRun struct {
	t         *testing.T
	a         *action
	with      map[string]string // the inputs given, by name
	workspace string            // GITHUB_WORKSPACE, the working folder of run steps

	pathAdds []string                     // from GITHUB_PATH, the newest first
	envAdds  map[string]string            // from GITHUB_ENV
	outputs  map[string]map[string]string // step id → name → value, from GITHUB_OUTPUT
	used     []actionStep                 // the uses: steps met, with: evaluated
	log      strings.Builder              // every run step's output and error
	code     int                          // the exit code of the step that failed, or 0
}

var exprRE = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// eval replaces the ${{ … }} expressions in s with their values, for the
// contexts an action like this one uses; any other expression fails the
// test, so that the action cannot rely on something this runner ignores.
func (r *actionRun) eval(s string) string {
	return exprRE.ReplaceAllStringFunc(s, func(m string) string {
		expr := exprRE.FindStringSubmatch(m)[1]
		switch {
		case expr == "github.action_path":
			return root
		case expr == "github.workspace":
			return r.workspace
		case expr == "runner.temp":
			return runnerTemp
		case expr == "runner.os":
			return "Linux"
		case strings.HasPrefix(expr, "inputs."):
			name := strings.TrimPrefix(expr, "inputs.")
			in, ok := r.a.Inputs[name]
			if !ok {
				r.t.Fatalf("action.yml uses ${{ %s }}, an input it does not declare", expr)
			}
			if v, ok := r.with[name]; ok {
				return v
			}
			return in.Default
		case strings.HasPrefix(expr, "steps."):
			id, name, ok := strings.Cut(strings.TrimPrefix(expr, "steps."), ".outputs.")
			if !ok {
				r.t.Fatalf("unsupported expression ${{ %s }}", expr)
			}
			return r.outputs[id][name]
		}
		r.t.Fatalf("this test's runner does not evaluate ${{ %s }}", expr)
		return ""
	})
}

// runAction runs the action's steps in order with the inputs in with, on
// the posts in workspace, until one fails, as GitHub does for steps
// without `if:`.
func runAction(t *testing.T, workspace string, with map[string]string) *actionRun {
	t.Helper()
	r := &actionRun{t: t, a: loadAction(t), with: with, workspace: workspace,
		envAdds: map[string]string{}, outputs: map[string]map[string]string{}}
	for name := range with {
		if _, ok := r.a.Inputs[name]; !ok {
			t.Fatalf("with: %s is not an input of action.yml", name)
		}
	}
	for name, in := range r.a.Inputs {
		if _, ok := with[name]; in.Required && !ok {
			t.Fatalf("action.yml requires the input %s", name)
		}
	}
	for i, step := range r.a.Runs.Steps {
		if step.If != "" || step.ContinueOnError != "" {
			t.Fatalf("step %d (%s): this test's runner does not evaluate if: or continue-on-error:", i+1, step.Name)
		}
		if step.Uses != "" {
			with := map[string]string{}
			for k, v := range step.With {
				with[k] = r.eval(v)
			}
			step.With = with
			r.used = append(r.used, step)
			continue
		}
		if code := r.runStep(i, step); code != 0 {
			r.code = code
			break
		}
	}
	return r
}

// runStep runs a run: step the way the runner does for `shell: bash`
// (bash --noprofile --norc -eo pipefail SCRIPT), with the environment the
// runner sets and what earlier steps added through GITHUB_PATH and
// GITHUB_ENV, and reads back what it writes to them and to GITHUB_OUTPUT.
func (r *actionRun) runStep(i int, step actionStep) int {
	t := r.t
	if step.Shell != "bash" {
		t.Fatalf("step %d (%s): shell %q; a composite run step needs one, and this test runs bash", i+1, step.Name, step.Shell)
	}
	if strings.Contains(step.Run, "${{") {
		t.Fatalf("step %d (%s): an expression in run: is spliced into the script (script injection); pass it through env:", i+1, step.Name)
	}
	dir := t.TempDir()
	files := map[string]string{}
	for _, name := range []string{"GITHUB_PATH", "GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"} {
		files[name] = filepath.Join(dir, strings.ToLower(name))
		if err := os.WriteFile(files[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := filepath.Join(dir, "step.sh")
	if err := os.WriteFile(script, []byte(step.Run), 0o644); err != nil {
		t.Fatal(err)
	}

	env := environ(t)
	path := slices.Concat(r.pathAdds, []string{decoyDir(t), getenv(env, "PATH")})
	env = append(env,
		"PATH="+strings.Join(path, string(os.PathListSeparator)),
		"CI=true", "GITHUB_ACTIONS=true", "RUNNER_OS=Linux",
		"GITHUB_WORKSPACE="+r.workspace, "GITHUB_ACTION_PATH="+root, "RUNNER_TEMP="+runnerTemp)
	for name, p := range files {
		env = append(env, name+"="+p)
	}
	for _, k := range slices.Sorted(maps.Keys(r.envAdds)) {
		env = append(env, k+"="+r.envAdds[k])
	}
	for _, k := range slices.Sorted(maps.Keys(step.Env)) {
		env = append(env, k+"="+r.eval(step.Env[k]))
	}
	wd := r.workspace
	if step.WorkingDirectory != "" {
		wd = filepath.Join(r.workspace, r.eval(step.WorkingDirectory))
	}
	res := run(t, wd, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	r.log.WriteString(res.output)

	for _, l := range strings.Split(readFile(t, files["GITHUB_PATH"]), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			r.pathAdds = append([]string{l}, r.pathAdds...)
		}
	}
	maps.Copy(r.envAdds, parseCommandFile(t, readFile(t, files["GITHUB_ENV"])))
	if step.ID != "" {
		r.outputs[step.ID] = parseCommandFile(t, readFile(t, files["GITHUB_OUTPUT"]))
	}
	return res.code
}

// output is the action's output name, evaluated after the run.
func (r *actionRun) output(name string) string {
	o, ok := r.a.Outputs[name]
	if !ok {
		r.t.Fatalf("action.yml has no output %s", name)
	}
	return r.eval(o.Value)
}

// parseCommandFile reads GITHUB_ENV or GITHUB_OUTPUT: NAME=value lines, and
// NAME<<DELIMITER … DELIMITER for multi-line values.
func parseCommandFile(t *testing.T, s string) map[string]string {
	t.Helper()
	vars := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		l := sc.Text()
		if l == "" {
			continue
		}
		if name, delim, ok := strings.Cut(l, "<<"); ok && !strings.Contains(name, "=") {
			var lines []string
			for sc.Scan() && sc.Text() != delim {
				lines = append(lines, sc.Text())
			}
			vars[name] = strings.Join(lines, "\n")
			continue
		}
		name, value, ok := strings.Cut(l, "=")
		if !ok {
			t.Fatalf("malformed line %q in a GITHUB_ENV or GITHUB_OUTPUT file", l)
		}
		vars[name] = value
	}
	return vars
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var decoy struct {
	once sync.Once
	dir  string
}

// decoyDir is a folder with a tweetlen that fails with exit code 99, put on
// the PATH after what steps add to GITHUB_PATH: a step that runs tweetlen
// runs the one the action installed, or the decoy.
func decoyDir(t *testing.T) string {
	decoy.once.Do(func() {
		decoy.dir = filepath.Join(runnerTemp, "decoy")
		script := "#!/bin/sh\necho 'not the tweetlen the action installed' >&2\nexit 99\n"
		if err := os.MkdirAll(decoy.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(decoy.dir, "tweetlen"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	})
	return decoy.dir
}

// errorLines are the ::error workflow commands in a log.
func errorLines(log string) []string {
	return regexp.MustCompile(`(?m)^::error .*$`).FindAllString(log, -1)
}

// The annotation tweetlen makes for longPost in posts/long.tweet.
const longAnnotation = "::error file=posts/long.tweet,line=1,col=141,endLine=1,endColumn=151,title=tweetlen length::150/140: over by 10 under twitter; the text does not fit from here on"

func TestActionDefinition(t *testing.T) {
	a := loadAction(t)
	if a.Inputs["paths"].Default != "." || a.Inputs["format"].Default != "github" {
		t.Errorf("defaults: paths %q, format %q; want . and github", a.Inputs["paths"].Default, a.Inputs["format"].Default)
	}
	for _, name := range []string{"paths", "profile", "format", "config", "sarif"} {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("action.yml lacks the input %s", name)
		}
	}
	// Every input is passed to a step, through env: or with:.
	var passed strings.Builder
	for _, s := range a.Runs.Steps {
		for _, v := range s.Env {
			passed.WriteString(v + "\n")
		}
		for _, v := range s.With {
			passed.WriteString(v + "\n")
		}
	}
	for name, in := range a.Inputs {
		if !regexp.MustCompile(`\$\{\{\s*inputs\.` + regexp.QuoteMeta(name) + `\s*\}\}`).MatchString(passed.String()) {
			t.Errorf("the input %s is passed to no step", name)
		}
		if in.Description == "" {
			t.Errorf("the input %s has no description", name)
		}
	}

	// setup-go reads the Go version from the action's own go.mod.
	r := runAction(t, t.TempDir(), map[string]string{"paths": "nothing-here"})
	i := slices.IndexFunc(r.used, func(s actionStep) bool { return strings.HasPrefix(s.Uses, "actions/setup-go@") })
	if i < 0 {
		t.Fatalf("no actions/setup-go step; uses: %v", r.used)
	}
	setup := r.used[i]
	if got := setup.With["go-version-file"]; got != filepath.Join(root, "go.mod") {
		t.Errorf("setup-go go-version-file: %q, want the action's go.mod", got)
	}
	if got := setup.With["cache-dependency-path"]; got != "" && got != filepath.Join(root, "go.sum") {
		t.Errorf("setup-go cache-dependency-path: %q, want the action's go.sum", got)
	}
	// A missing path is an input error: exit code 2, reported.
	if r.code != 2 || r.output("exit-code") != "2" || !strings.Contains(r.log.String(), "::error file=nothing-here,") {
		t.Errorf("a missing path: exit code %d, output exit-code %q, want 2\n%s", r.code, r.output("exit-code"), r.log.String())
	}
}

func TestAction(t *testing.T) {
	posts := map[string]string{"README.md": readme, "posts/ok.tweet": fitPost, "posts/long.tweet": longPost}
	workspace := func(t *testing.T, files map[string]string) string {
		dir := t.TempDir()
		writeFiles(t, dir, files)
		return dir
	}

	t.Run("a post too long", func(t *testing.T) {
		r := runAction(t, workspace(t, posts), map[string]string{"paths": "posts"})
		if r.code != 1 || r.output("exit-code") != "1" {
			t.Errorf("exit code %d, output exit-code %q, want 1", r.code, r.output("exit-code"))
		}
		if got := errorLines(r.log.String()); !slices.Equal(got, []string{longAnnotation}) {
			t.Errorf("annotations:\n%s\nwant:\n%s\nlog:\n%s", strings.Join(got, "\n"), longAnnotation, r.log.String())
		}
		if _, err := os.Stat(filepath.Join(runnerTemp, "tweetlen-bin", "tweetlen")); err != nil {
			t.Errorf("the action did not install tweetlen in RUNNER_TEMP: %v", err)
		}
	})

	t.Run("SARIF as well", func(t *testing.T) {
		ws := workspace(t, posts)
		r := runAction(t, ws, map[string]string{"paths": "posts", "sarif": "reports/tweetlen.sarif"})
		if r.code != 1 || r.output("exit-code") != "1" {
			t.Errorf("exit code %d, output exit-code %q, want 1", r.code, r.output("exit-code"))
		}
		if got := errorLines(r.log.String()); !slices.Equal(got, []string{longAnnotation}) {
			t.Errorf("annotations:\n%s\nwant:\n%s", strings.Join(got, "\n"), longAnnotation)
		}
		results := validSARIF(t, filepath.Join(ws, "reports", "tweetlen.sarif"))
		if want := []string{"length posts/long.tweet:1:141"}; !slices.Equal(results, want) {
			t.Errorf("SARIF results %q, want %q", results, want)
		}
	})

	t.Run("every post fits", func(t *testing.T) {
		ws := workspace(t, map[string]string{"posts/ok.tweet": fitPost, "README.md": "# Posts\n"})
		r := runAction(t, ws, map[string]string{"sarif": "tweetlen.sarif"}) // paths: . by default
		if r.code != 0 || r.output("exit-code") != "0" || len(errorLines(r.log.String())) != 0 {
			t.Errorf("exit code %d, output exit-code %q, want 0 and no annotation:\n%s", r.code, r.output("exit-code"), r.log.String())
		}
		if results := validSARIF(t, filepath.Join(ws, "tweetlen.sarif")); len(results) != 0 {
			t.Errorf("SARIF results %q, want none", results)
		}
	})

	t.Run("profile", func(t *testing.T) {
		r := runAction(t, workspace(t, posts), map[string]string{"paths": "posts", "profile": "x"})
		if r.code != 0 {
			t.Errorf("under x (280): exit code %d, want 0\n%s", r.code, r.log.String())
		}
	})

	t.Run("config and format", func(t *testing.T) {
		files := maps.Clone(posts)
		files["ci/tweetlen.yaml"] = "profile: x\n"
		r := runAction(t, workspace(t, files), map[string]string{"paths": "posts", "config": "ci/tweetlen.yaml", "format": "text"})
		if r.code != 0 || !strings.Contains(r.log.String(), "posts/long.tweet: 150/280 · 130 left · fits (x)") {
			t.Errorf("exit code %d, want 0 and a text report under x:\n%s", r.code, r.log.String())
		}
	})

	t.Run("several paths", func(t *testing.T) {
		r := runAction(t, workspace(t, posts), map[string]string{"paths": "posts/ok.tweet\n  posts/long.tweet README.md\n"})
		got := errorLines(r.log.String())
		if r.code != 1 || len(got) != 2 || got[0] != longAnnotation || !strings.HasPrefix(got[1], "::error file=README.md,") {
			t.Errorf("exit code %d, annotations:\n%s\nwant 1, and posts/long.tweet's then README.md's", r.code, strings.Join(got, "\n"))
		}
	})

	t.Run("paths are not shell code", func(t *testing.T) {
		ws := workspace(t, posts)
		r := runAction(t, ws, map[string]string{
			"paths": "posts/ok.tweet $(touch pwned1) `touch pwned2` ;touch pwned3 \"'\n-x",
			"sarif": "out/$(touch pwned4).sarif",
		})
		for i := 1; i <= 4; i++ {
			if _, err := os.Stat(filepath.Join(ws, fmt.Sprintf("pwned%d", i))); err == nil {
				t.Errorf("an input ran `touch pwned%d`", i)
			}
		}
		// Each word is a path, taken verbatim and missing: input errors.
		log := r.log.String()
		for _, p := range []string{"$(touch", "`touch", ";touch", `"'`, "-x"} {
			if !strings.Contains(log, "::error file="+p+",") {
				t.Errorf("no input error for the path %q", p)
			}
		}
		if r.code != 2 || r.output("exit-code") != "2" {
			t.Errorf("exit code %d, output exit-code %q, want 2\n%s", r.code, r.output("exit-code"), log)
		}
		if _, err := os.Stat(filepath.Join(ws, "out", "$(touch pwned4).sarif")); err != nil {
			t.Errorf("the SARIF file was not written under its name verbatim: %v", err)
		}
	})

	t.Run("profile is not shell code", func(t *testing.T) {
		ws := workspace(t, posts)
		r := runAction(t, ws, map[string]string{"paths": "posts", "profile": `x"; touch pwned; echo "`})
		if _, err := os.Stat(filepath.Join(ws, "pwned")); err == nil {
			t.Error("the profile input ran `touch pwned`")
		}
		if r.code != 2 || !strings.Contains(r.log.String(), "unknown profile") || !strings.Contains(r.log.String(), "touch pwned; echo") {
			t.Errorf("exit code %d, want 2: the profile is an unknown name, taken verbatim\n%s", r.code, r.log.String())
		}
	})
}

var sarifSchema struct {
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

// validSARIF checks the file against the SARIF 2.1.0 schema (the one
// go-sarif ships, compiled by jsonschema) and go-sarif's reading of it,
// and returns its results as "RULE FILE:LINE:COLUMN".
func validSARIF(t *testing.T, name string) []string {
	t.Helper()
	sarifSchema.once.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3").Output()
		if err != nil {
			sarifSchema.err = err
			return
		}
		src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "pkg", "report", "v210", "sarif", "schema.go"))
		if err != nil {
			sarifSchema.err = err
			return
		}
		_, text, _ := strings.Cut(string(src), "const schema = `")
		text, _, _ = strings.Cut(text, "`")
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
		if err != nil {
			sarifSchema.err = err
			return
		}
		const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
		c := jsonschema.NewCompiler()
		if sarifSchema.err = c.AddResource(url, doc); sarifSchema.err == nil {
			sarifSchema.schema, sarifSchema.err = c.Compile(url)
		}
	})
	if sarifSchema.err != nil {
		t.Fatalf("loading the SARIF schema: %v", sarifSchema.err)
	}
	data := readFile(t, name)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", name, err, data)
	}
	if err := sarifSchema.schema.Validate(inst); err != nil {
		t.Errorf("%s is not valid SARIF 2.1.0: %v", name, err)
	}
	doc, err := sarif.FromString(data)
	if err != nil {
		t.Fatalf("go-sarif cannot read %s: %v", name, err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%s has %d runs, want 1", name, len(doc.Runs))
	}
	var results []string
	for _, res := range doc.Runs[0].Results {
		for _, loc := range res.Locations {
			pl := loc.PhysicalLocation
			if pl == nil || pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == nil || pl.Region == nil || pl.Region.StartLine == nil || pl.Region.StartColumn == nil {
				t.Fatalf("a result without a file, line and column: %s", must(json.Marshal(res)))
			}
			results = append(results, fmt.Sprintf("%s %s:%d:%d", deref(res.RuleID), *pl.ArtifactLocation.URI, *pl.Region.StartLine, *pl.Region.StartColumn))
		}
	}
	return results
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

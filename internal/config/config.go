// Package config reads tweetlen's configuration file, .tweetlen.yaml: the
// default profile, the files to include and exclude, per-path profiles,
// limit overrides and extra profiles.
//
// The file is read strictly: an unknown key, a value of the wrong type or an
// unknown profile name is an error naming its line and column.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/tweetlen/tweetlen/internal/walk"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"go.yaml.in/yaml/v3"
)

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".tweetlen.yaml", ".tweetlen.yml"}

// Config is the content of a configuration file.
type Config struct {
	// Path is the file read, "" when there is none.
	Path string
	// Profile is the default profile: a profile name, or the path of a
	// twitter-text JSON config (ending in .json), resolved against the
	// config file's directory. "" when not set.
	Profile string
	// Include and Exclude are doublestar patterns for the files found by
	// walking directories (see walk.Options).
	Include, Exclude []string
	// ThreadDelimiter is the line that splits a body into a thread; "" when
	// not set.
	ThreadDelimiter string
	// Limits overrides the limit of profiles, by profile name.
	Limits map[string]int
	// Overrides are per-path profiles, in file order; the last matching one
	// wins.
	Overrides []Override
	// Profiles are the extra profiles defined in the file.
	Profiles []*profile.Profile
	// Reply treats posts as replies by default.
	Reply bool
}

// Override gives the posts whose path matches one of Paths the profile
// Profile.
type Override struct {
	// Paths are doublestar patterns, matched against a post file's path
	// relative to the config file's directory, slash-separated; a pattern
	// without a '/' also matches the file's base name.
	Paths []string
	// Profile is a profile name or a resolved path to a twitter-text JSON
	// config, as Config.Profile.
	Profile string
	// Line is where the override starts in the file.
	Line int
}

// Error is a problem in a configuration file. Line and Column are 1-based;
// 0 when not known.
type Error struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Find looks for a configuration file (FileNames) in dir and then in each of
// its parents up to the root of the file system. It returns "" when there is
// none. When dir is relative, so is the path returned (relative to the
// current directory, possibly with ".." elements).
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		for _, name := range FileNames {
			p := filepath.Join(d, name)
			info, err := os.Stat(p)
			switch {
			case err == nil:
				if info.IsDir() {
					continue
				}
				if !filepath.IsAbs(dir) {
					if cwd, err := os.Getwd(); err == nil {
						if rel, err := filepath.Rel(cwd, p); err == nil {
							return rel, nil
						}
					}
				}
				return p, nil
			case errors.Is(err, fs.ErrNotExist) || isNotDir(err):
				// Go on.
			default:
				return "", err
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// isNotDir reports whether err is ENOTDIR, which Stat returns when a parent
// in the path is a file.
func isNotDir(err error) bool {
	return errors.Is(err, syscall.ENOTDIR)
}

// Load reads and checks the configuration file path. An empty file is an
// empty Config. Problems in the file are returned as *Error.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// keys are the keys of the file's top-level mapping, in the order they are
// listed in messages.
var keys = []string{"profile", "include", "exclude", "thread-delimiter", "limits", "overrides", "profiles", "reply"}

// Parse checks the content of the configuration file path, which it does not
// read: path names the file in messages and is the base of the relative
// paths in it.
func Parse(path string, data []byte) (*Config, error) {
	p := &parser{file: path, cfg: &Config{Path: path}}
	if err := p.parse(data); err != nil {
		return nil, err
	}
	return p.cfg, nil
}

type parser struct {
	file string
	cfg  *Config
	// refs are the profile names used, checked once all profiles are known.
	refs []ref
	// defined are where the file's own profiles are defined.
	defined map[string]*yaml.Node
}

type ref struct {
	node *yaml.Node
	what string // "profile", "limits"
}

func (p *parser) errAt(n *yaml.Node, format string, args ...any) *Error {
	return &Error{File: p.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
}

var syntaxError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (p *parser) parse(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file
		}
		return p.yamlError(err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return p.errAt(&next, "a config file holds one YAML document; remove the \"---\" separator")
	} else if !errors.Is(err, io.EOF) {
		return p.yamlError(err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return p.errAt(root, "the config must be a mapping of keys (%s), not %s", strings.Join(keys, ", "), kind(root))
	}
	seen := map[string]*yaml.Node{}
	var profilesNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], resolve(root.Content[i+1])
		if first, ok := seen[k.Value]; ok {
			return p.errAt(k, "key %q is given twice (first at line %d)", k.Value, first.Line)
		}
		seen[k.Value] = k
		var err error
		switch k.Value {
		case "profile":
			p.cfg.Profile, err = p.str(k.Value, v)
			if err == nil && p.cfg.Profile != "" {
				p.refs = append(p.refs, ref{v, "profile"})
			}
		case "include":
			p.cfg.Include, err = p.patterns(k.Value, v)
		case "exclude":
			p.cfg.Exclude, err = p.patterns(k.Value, v)
		case "thread-delimiter":
			p.cfg.ThreadDelimiter, err = p.str(k.Value, v)
			if err == nil && strings.ContainsAny(p.cfg.ThreadDelimiter, "\r\n") {
				err = p.errAt(v, "thread-delimiter is one line; it cannot hold a line break")
			}
		case "limits":
			err = p.limits(v)
		case "overrides":
			err = p.overrides(v)
		case "profiles":
			profilesNode = v
		case "reply":
			p.cfg.Reply, err = p.boolean(k.Value, v)
		default:
			err = p.errAt(k, "unknown key %q; valid keys: %s", k.Value, strings.Join(keys, ", "))
		}
		if err != nil {
			return err
		}
	}
	if profilesNode != nil {
		if err := p.profiles(profilesNode); err != nil {
			return err
		}
	}
	return p.checkRefs()
}

// yamlError turns an error of the YAML parser into an *Error.
func (p *parser) yamlError(err error) error {
	msg := err.Error()
	if m := syntaxError.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: p.file, Line: line, Msg: m[2]}
	}
	return &Error{File: p.file, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// kind describes what n holds, for messages.
func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!str":
			return fmt.Sprintf("the string %q", n.Value)
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// str reads a string; null is "".
func (p *parser) str(key string, n *yaml.Node) (string, error) {
	if isNull(n) {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", p.errAt(n, "%s must be a string, not %s", key, kind(n))
	}
	return n.Value, nil
}

func (p *parser) boolean(key string, n *yaml.Node) (bool, error) {
	if isNull(n) {
		return false, nil
	}
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		return false, p.errAt(n, "%s must be true or false, not %s", key, kind(n))
	}
	return b, nil
}

func (p *parser) integer(key string, n *yaml.Node) (int, error) {
	var i int
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&i) != nil {
		return 0, p.errAt(n, "%s must be a whole number, not %s", key, kind(n))
	}
	return i, nil
}

// patterns reads a list of glob patterns, or a single one.
func (p *parser) patterns(key string, n *yaml.Node) ([]string, error) {
	if isNull(n) {
		return nil, nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var pats []string
	for _, item := range items {
		item = resolve(item)
		if item.Kind != yaml.ScalarNode || isNull(item) {
			return nil, p.errAt(item, "%s must be a glob pattern or a list of them, not %s", key, kind(item))
		}
		if item.Value == "" || !doublestar.ValidatePattern(item.Value) {
			return nil, p.errAt(item, "invalid glob pattern %q in %s", item.Value, key)
		}
		pats = append(pats, item.Value)
	}
	return pats, nil
}

func (p *parser) limits(n *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return p.errAt(n, "limits must be a mapping of profile names to limits, not %s", kind(n))
	}
	p.cfg.Limits = map[string]int{}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if first, ok := seen[k.Value]; ok {
			return p.errAt(k, "limits: profile %q is given twice (first at line %d)", k.Value, first.Line)
		}
		seen[k.Value] = k
		limit, err := p.integer(fmt.Sprintf("the limit of %q", k.Value), v)
		if err != nil {
			return err
		}
		if limit < 1 {
			return p.errAt(v, "the limit of %q must be at least 1, not %d", k.Value, limit)
		}
		p.cfg.Limits[k.Value] = limit
		p.refs = append(p.refs, ref{k, "limits"})
	}
	return nil
}

var overrideKeys = []string{"paths", "profile"}

func (p *parser) overrides(n *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return p.errAt(n, "overrides must be a list of {paths, profile} mappings, not %s", kind(n))
	}
	for _, item := range n.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			return p.errAt(item, "an override must be a mapping with paths and profile, not %s", kind(item))
		}
		o := Override{Line: item.Line}
		var pathsNode, profileNode *yaml.Node
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], resolve(item.Content[i+1])
			var err error
			switch k.Value {
			case "paths":
				if pathsNode != nil {
					return p.errAt(k, "key \"paths\" is given twice in this override")
				}
				pathsNode = k
				o.Paths, err = p.patterns("paths", v)
			case "profile":
				if profileNode != nil {
					return p.errAt(k, "key \"profile\" is given twice in this override")
				}
				profileNode = v
				o.Profile, err = p.str("profile", v)
			default:
				err = p.errAt(k, "unknown key %q in an override; valid keys: %s", k.Value, strings.Join(overrideKeys, ", "))
			}
			if err != nil {
				return err
			}
		}
		if len(o.Paths) == 0 {
			return p.errAt(item, "an override needs paths: a glob pattern or a list of them")
		}
		if o.Profile == "" {
			return p.errAt(item, "an override needs a profile")
		}
		p.refs = append(p.refs, ref{profileNode, "profile"})
		p.cfg.Overrides = append(p.cfg.Overrides, o)
	}
	return nil
}

func (p *parser) profiles(n *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return p.errAt(n, "profiles must be a list of profile definitions, not %s", kind(n))
	}
	p.defined = map[string]*yaml.Node{}
	for _, item := range n.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			return p.errAt(item, "a profile definition must be a mapping, not %s", kind(item))
		}
		// Node.Decode does not reject unknown keys (the decoder's
		// KnownFields does not apply to it), and its type errors carry no
		// column: check the keys and types first.
		if err := p.checkFields(item, reflect.TypeFor[profile.Profile](), "a profile"); err != nil {
			return err
		}
		nameNode := item
		for i := 0; i+1 < len(item.Content); i += 2 {
			if item.Content[i].Value == "name" {
				nameNode = resolve(item.Content[i+1])
			}
		}
		prof, err := profile.FromNode(item)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), fmt.Sprintf("line %d: ", item.Line))
			return p.errAt(item, "%s", msg)
		}
		if _, ok := profile.Lookup(prof.Name); ok {
			return p.errAt(nameNode, "profile %q is a built-in profile; give yours another name (built-in: %s)", prof.Name, strings.Join(profile.Names(), ", "))
		}
		if first, ok := p.defined[prof.Name]; ok {
			return p.errAt(nameNode, "profile %q is defined twice (first at line %d)", prof.Name, first.Line)
		}
		p.defined[prof.Name] = nameNode
		p.cfg.Profiles = append(p.cfg.Profiles, prof)
	}
	return nil
}

// checkFields checks that n can be decoded into a value of type t: the keys
// of mappings are the yaml names of t's fields, and scalars have the right
// type. what names the value in messages.
func (p *parser) checkFields(n *yaml.Node, t reflect.Type, what string) error {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return p.errAt(n, "%s must be a mapping, not %s", what, kind(n))
		}
		fields := yamlFields(t)
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" && k.ShortTag() == "!!merge" {
				// A merge key: the merged mappings are checked as this one.
				v = resolve(v)
				merged := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					merged = v.Content
				}
				for _, m := range merged {
					if err := p.checkFields(m, t, what); err != nil {
						return err
					}
				}
				continue
			}
			f, ok := fields[k.Value]
			if !ok {
				names := make([]string, 0, len(fields))
				for _, sf := range reflect.VisibleFields(t) {
					if name := yamlName(sf); name != "" {
						names = append(names, name)
					}
				}
				return p.errAt(k, "unknown key %q in %s; valid keys: %s", k.Value, what, strings.Join(names, ", "))
			}
			if first, ok := seen[k.Value]; ok {
				return p.errAt(k, "key %q is given twice in %s (first at line %d)", k.Value, what, first.Line)
			}
			seen[k.Value] = k
			if err := p.checkFields(v, f.Type, fmt.Sprintf("%q", k.Value)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return p.errAt(n, "%s must be a list, not %s", what, kind(n))
		}
		for _, item := range n.Content {
			if err := p.checkFields(item, t.Elem(), "an item of "+what); err != nil {
				return err
			}
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return p.errAt(n, "%s must be a string, not %s", what, kind(n))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			return p.errAt(n, "%s must be true or false, not %s", what, kind(n))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(reflect.New(t).Interface()) != nil {
			return p.errAt(n, "%s must be a whole number, not %s", what, kind(n))
		}
	default:
		// A type this check does not know: leave it to the decoder.
		return nil
	}
	return nil
}

// yamlFields maps the yaml names of t's fields to the fields.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if name := yamlName(f); name != "" {
			m[name] = f
		}
	}
	return m
}

// yamlName is the key a field is decoded from, "" if none.
func yamlName(f reflect.StructField) string {
	if !f.IsExported() || f.Anonymous {
		return ""
	}
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	switch name {
	case "-":
		return ""
	case "":
		return strings.ToLower(f.Name)
	}
	return name
}

// isConfigPath reports whether a profile value is the path of a
// twitter-text JSON config rather than a name.
func isConfigPath(v string) bool {
	return strings.HasSuffix(strings.ToLower(v), ".json")
}

// checkRefs checks the profile names used against the built-in profiles and
// the file's own, and resolves the paths of twitter-text configs against the
// config file's directory.
func (p *parser) checkRefs() error {
	valid := profile.Names()
	for _, prof := range p.cfg.Profiles {
		valid = append(valid, prof.Name)
	}
	for _, r := range p.refs {
		name := r.node.Value
		if r.what == "profile" && isConfigPath(name) {
			continue
		}
		if slices.Contains(valid, name) {
			continue
		}
		msg := fmt.Sprintf("unknown profile %q; valid profiles: %s", name, strings.Join(valid, ", "))
		if r.what == "profile" {
			msg += ", or the path of a twitter-text config ending in .json"
		}
		return p.errAt(r.node, "%s", msg)
	}
	p.cfg.Profile = p.resolvePath(p.cfg.Profile)
	for i := range p.cfg.Overrides {
		p.cfg.Overrides[i].Profile = p.resolvePath(p.cfg.Overrides[i].Profile)
	}
	return nil
}

// resolvePath resolves a twitter-text config path against the config file's
// directory; a profile name is returned as it is.
func (p *parser) resolvePath(v string) string {
	if !isConfigPath(v) {
		return v
	}
	v = filepath.FromSlash(v)
	if filepath.IsAbs(v) {
		return v
	}
	return filepath.Join(filepath.Dir(p.file), v)
}

// Dir is the directory of the config file, the base of the paths in it: "."
// when there is no file.
func (c *Config) Dir() string {
	if c == nil || c.Path == "" {
		return "."
	}
	return filepath.Dir(c.Path)
}

// ProfileFor returns the profile for the post file path: the profile of the
// last override one of whose patterns matches the path relative to the
// config file's directory, else the default profile, else "". Standard input
// ("-") and the files outside the config file's directory get the default
// profile.
func (c *Config) ProfileFor(path string) string {
	if c == nil {
		return ""
	}
	if path != "-" && len(c.Overrides) > 0 {
		if rel, ok := relTo(c.Dir(), path); ok {
			for i := len(c.Overrides) - 1; i >= 0; i-- {
				if walk.MatchAny(c.Overrides[i].Paths, rel) {
					return c.Overrides[i].Profile
				}
			}
		}
	}
	return c.Profile
}

// relTo returns path relative to dir, slash-separated, and whether path is
// inside dir.
func relTo(dir, path string) (string, bool) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	absPath, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(absDir, absPath)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

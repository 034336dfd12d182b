package cli

import (
	"fmt"

	"github.com/tweetlen/tweetlen/pkg/profile"
)

// batch runs batch mode (--input jsonl) over files, under the profiles
// defs.
func (r *checkRun) batch(defs []*profile.Profile, files []string) error {
	prof := defs[0]
	c := &checker{prof: prof, profs: defs, cfg: prof.Config, opts: &r.lintOpts, errOut: r.opts.IO.ErrOut}
	if r.opts.Format == "json" && fastJSON(defs) {
		c.rep = newJSONReporter(r.opts.IO.Out, prof)
	} else {
		c.out = r.out
	}
	for _, f := range files {
		if err := c.readBatchFile(f, r.opts.IO.In); err != nil {
			return err
		}
	}
	var err error
	if c.rep != nil {
		err = c.rep.flush()
	} else {
		err = c.out.Close()
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	r.inputErrors, r.failed = c.inputErrors, c.invalid
	return r.result()
}

// fastJSON reports whether batch mode's JSON can be the fast pipeline's
// contract (twitter-text's parseTweet fields, counted with tweet.Parse):
// one profile that counts exactly as twitter-text does. Any other
// profile, or several, goes through the linter, whose JSON writes the same
// fields first, then the profile's own count.
func fastJSON(defs []*profile.Profile) bool {
	p := defs[0]
	return len(defs) == 1 && p.Count == profile.TwitterText && p.Emoji != profile.EmojiUnicode
}

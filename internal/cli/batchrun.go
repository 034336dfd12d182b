package cli

import (
	"fmt"

	"github.com/tweetlen/tweetlen/pkg/profile"
)

// batch runs batch mode (--input jsonl) over files.
func (r *checkRun) batch(prof *profile.Profile, files []string) error {
	c := &checker{prof: prof, cfg: prof.Config, opts: &r.lintOpts, errOut: r.opts.IO.ErrOut}
	if r.opts.Format == "json" {
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

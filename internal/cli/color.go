package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// ANSI sequences around the overflow when colour is on: white on red, so
// that overflowing spaces show too.
const (
	colorOverflow = "\x1b[97;41m"
	colorReset    = "\x1b[0m"
)

// useColor decides whether to colour output written to out. auto means:
// out is a terminal, NO_COLOR is unset or empty (https://no-color.org), and
// TERM is not "dumb". always and never are explicit and beat NO_COLOR.
func useColor(mode string, out io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
			return false, nil
		}
		f, ok := out.(*os.File)
		return ok && term.IsTerminal(int(f.Fd())) && enableVirtualTerminal(f), nil
	}
	return false, usageErrorf("unknown --color %q; valid values: auto, always, never", mode)
}

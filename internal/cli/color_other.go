//go:build !windows

package cli

import "os"

// enableVirtualTerminal reports whether the terminal f understands ANSI
// sequences; outside Windows they all do.
func enableVirtualTerminal(*os.File) bool { return true }

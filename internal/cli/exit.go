package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// exitCode is tweetlen's process exit status. The values are a documented
// contract (README "What the output means"); every error becomes one of them
// in exactly one place, [exitCodeFor].
type exitCode int

const (
	// exitOK: every post is valid.
	exitOK exitCode = 0
	// exitInvalid: some post breaks a rule (over the limit, empty, or holding
	// an invalid character). The report on stdout says which and why.
	exitInvalid exitCode = 1
	// exitError: a usage error (unknown flag, profile, format…) or an input
	// error (unreadable file, invalid UTF-8, malformed JSON line). It wins
	// over exitInvalid.
	exitError exitCode = 2
)

var (
	// errInvalidPost says that some post was invalid. It is silent: the
	// report has already said why.
	errInvalidPost = errors.New("a post is invalid")
	// errInputReported says that input errors happened and were printed as
	// they occurred (processing went on). It is silent too.
	errInputReported = errors.New("input errors were reported")
)

// usageError is a mistake in the command line. For a flag that cobra could
// not parse, showUsage adds the usage text after the message.
type usageError struct {
	err       error
	showUsage bool
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// Main runs tweetlen with args (without the program name) and the given
// streams, and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(&streams{In: stdin, Out: stdout, ErrOut: stderr}, nil)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	return int(exitCodeFor(cmd, err, stderr))
}

// exitCodeFor maps err to an exit code, printing it once to stderr as
// "tweetlen: …" unless it is silent.
func exitCodeFor(cmd *cobra.Command, err error, stderr io.Writer) exitCode {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errInvalidPost) {
		return exitInvalid
	}
	if errors.Is(err, errInputReported) {
		return exitError
	}
	fmt.Fprintf(stderr, "tweetlen: %v\n", err)
	var ue *usageError
	if errors.As(err, &ue) && ue.showUsage && cmd != nil {
		fmt.Fprintf(stderr, "\n%s", cmd.UsageString())
	}
	return exitError
}

// NewCommand returns the tweetlen command tree wired to the given streams,
// for tools that walk it (the man page and Markdown reference generator).
func NewCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	return newRootCmd(&streams{In: stdin, Out: stdout, ErrOut: stderr}, nil)
}

// Package cli is the tweetlen command: its cobra commands, flags, readers of
// inputs and writers of results. The core it drives (counting, profiles,
// post files, rules) lives in pkg/ and knows nothing of this package.
//
// [Main] runs the whole command with given arguments and streams, so that
// tests run it in-process; [NewCommand] returns the command tree, for the
// documentation generator.
package cli

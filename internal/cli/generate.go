package cli

// The man pages (docs/man) and the Markdown command reference (docs/cli) are
// generated from this package's commands; `go generate ./internal/cli`
// rewrites them, and internal/cli/gendocs's test fails when they are stale.

//go:generate go run ./gendocs -man ../../docs/man -md ../../docs/cli

// Command tweetlen checks how long a post is under X/Twitter's counting
// rules (twitter-text 3.1.0) and other platforms', how much is left, and
// where it overflows.
//
// The command itself lives in [cli.Main], so that tests run it in-process
// and the documentation generator can walk its commands.
package main

import (
	"os"

	"github.com/tweetlen/tweetlen/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

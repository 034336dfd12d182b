// Command tweetlen checks how long a post is under X/Twitter's counting
// rules (twitter-text 3.1.0), how much is left, and where it overflows.
//
// Everything but the process exit lives in [Main], so tests run the whole
// command in-process.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

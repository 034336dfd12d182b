package profile_test

import (
	"fmt"

	"github.com/tweetlen/tweetlen/pkg/profile"
)

// Choose a profile by the name --profile takes. A Mastodon server sets its
// own limit: WithLimit gives a copy with that limit, leaving the built-in
// profile as it is.
func ExampleLookup() {
	p, ok := profile.Lookup("mastodon")
	if !ok {
		panic("no mastodon profile")
	}
	fmt.Println(p.Name, p.Count, p.Limit)         // mastodon graphemes 500
	fmt.Println(p.URLLength, p.MentionDomainFree) // every URL 23; @user@domain counts as @user
	server := p.WithLimit(1000)                   // a server's own limit; p is unchanged
	fmt.Println(server.Limit, p.Limit)

	_, ok = profile.Lookup("myspace")
	fmt.Println(ok)
	// Output:
	// mastodon graphemes 500
	// 23 true
	// 1000 500
	// false
}

// The built-in profiles, the default first, with what each counts and the
// limits some platforms add to the length.
func ExampleBuiltin() {
	for _, p := range profile.Builtin() {
		unit := string(p.Count)
		if p.ConfigName != "" {
			unit += " " + p.ConfigName
		}
		if p.ByteLimit > 0 {
			unit += fmt.Sprintf(", at most %d bytes", p.ByteLimit)
		}
		if p.MaxLinks > 0 {
			unit += fmt.Sprintf(", at most %d links", p.MaxLinks)
		}
		fmt.Printf("%-12s %5d  %s\n", p.Name, p.Limit, unit)
	}
	fmt.Println("default:", profile.Default().Name)
	// Output:
	// twitter        140  twitter-text v1
	// twitter-2015   140  twitter-text v1
	// x-v2           280  twitter-text v2
	// x              280  twitter-text v3
	// x-premium    25000  twitter-text v3
	// bluesky        300  graphemes, at most 3000 bytes
	// mastodon       500  graphemes
	// threads        500  code-points, at most 5 links
	// linkedin      3000  utf16
	// default: twitter
}

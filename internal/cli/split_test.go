package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSplitFitExit checks the exit statuses and messages of split and fit
// that the scripts do not: usage errors, input errors, failures.
func TestSplitFitExit(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	platforms := write("platforms.md", "---\nplatforms: [x, bluesky]\n---\nHello\n")
	badProfile := write("bad.md", "---\nprofile: nope\n---\nHello\n")
	xDraft := write("x.md", "---\nprofile: x\n---\nHello\n")
	long := strings.Repeat("word ", 40)
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string // a prefix of stderr
	}{
		{name: "split: unknown --number-at", args: []string{"split", "--number-at", "middle"}, code: 2,
			stderr: "tweetlen: unknown --number-at \"middle\"; valid values: end, start\n"},
		{name: "split: unknown --media-on", args: []string{"split", "--media-on", "all"}, code: 2,
			stderr: "tweetlen: unknown --media-on \"all\"; valid values: first, last\n"},
		{name: "split: a format without {i} or {n}", args: []string{"split", "--number-format", "part"}, code: 2,
			stderr: "tweetlen: --number-format \"part\" holds neither {i} (the part's number) nor {n} (the number of parts)\n"},
		{name: "split: bad --max-parts", args: []string{"split", "--max-parts", "-1"}, code: 2,
			stderr: "tweetlen: --max-parts must be at least 1\n"},
		{name: "split: a check format", args: []string{"split", "--format", "sarif"}, code: 2,
			stderr: "tweetlen: unknown format \"sarif\"; valid formats for split: text, json\n"},
		{name: "split: two inputs", args: []string{"split", "a", "b"}, code: 2,
			stderr: "tweetlen: accepts at most 1 arg(s), received 2\n"},
		{name: "split: several profiles", args: []string{"split", "--profile", "x,bluesky"}, stdin: "hi", code: 2,
			stderr: "tweetlen: split fits one profile at a time, not x,bluesky; choose one with --profile\n"},
		{name: "split: a post asking for several profiles", args: []string{"split", platforms}, code: 2,
			stderr: "tweetlen: " + platforms + ":2:12: split fits one profile at a time, and this post asks for x, bluesky; choose one with --profile\n"},
		{name: "split: --profile wins over the post's platforms", args: []string{"split", "--profile", "x", platforms}, stdout: "Hello\n"},
		{name: "split: the draft's own profile is noted", args: []string{"split", xDraft}, stdout: "Hello\n",
			stderr: "tweetlen: part 1/1 was fitted to x, as the draft asks: check the thread with --profile x\n"},
		{name: "split: a reply is noted", args: []string{"split", "--input", "md"}, stdin: "---\nreply: https://x.com/a/status/1\n---\n@alice hi\n", stdout: "@alice hi\n",
			stderr: "tweetlen: part 1/1 replies to https://x.com/a/status/1: its leading @mentions were not counted (check it with --reply)\n"},
		{name: "split: a post asking for an unknown profile", args: []string{"split", badProfile}, code: 2,
			stderr: "tweetlen: " + badProfile + ":2:10: unknown profile \"nope\""},
		{name: "split: invalid UTF-8", args: []string{"split"}, stdin: "ok\nab\xffc\n", code: 2,
			stderr: "tweetlen: stdin:2:3: invalid UTF-8 at byte offset 5 (byte 0xFF)"},
		{name: "split: a missing file", args: []string{"split", filepath.Join(dir, "missing.txt")}, code: 2,
			stderr: "tweetlen: " + filepath.Join(dir, "missing.txt") + ": no such file or directory\n"},
		{name: "split: empty", args: []string{"split"}, stdin: "\n", code: 1,
			stderr: "tweetlen: stdin: the draft is empty\n"},
		{name: "split: a URL that does not fit", args: []string{"split", "--limit", "10"}, stdin: "https://example.com", code: 1,
			stderr: "tweetlen: stdin:1:1: the URL \"https://example.com\" cannot be cut and does not fit in a part on its own (the part would count 23); twitter allows 10: shorten it, or choose a profile with a higher limit\n"},
		{name: "split: the counter does not fit", args: []string{"split", "--limit", "3", "-n"}, stdin: "a", code: 1,
			stderr: "tweetlen: stdin:1:1: the character \"a\" cannot be cut and does not fit in a part on its own (the part would count 5 with the counter \"1/1\"); twitter allows 3"},
		{name: "split: too many parts", args: []string{"split", "--max-parts", "1"}, stdin: long, code: 1,
			stderr: "tweetlen: stdin: the thread needs 2 parts, more than --max-parts 1; shorten the draft or allow more parts\n"},
		{name: "split: a delimiter inside a part", args: []string{"split", "--input", "json"}, stdin: `{"text": "a\n\n---\n\nb"}`,
			stdout: "a\n\n---\n\nb\n",
			stderr: "tweetlen: warning: part 1/1 holds a line \"---\" between blank lines, which reads back as a thread delimiter; choose another with --thread-delimiter\n"},
		{name: "split: --number-format implies --number", args: []string{"split", "--number-format", "[{i}]"}, stdin: "hi", stdout: "hi [1]\n"},
		{name: "split: a poll goes with the last part", args: []string{"split", "--input", "md", "--limit", "20"}, stdin: "Which one do you like best of all?\n\n( ) this\n( ) that\n",
			stdout: "Which one do you\n\n---\n\nlike best of all?\n",
			stderr: "tweetlen: part 2/2 carries the poll (this, that)\n"},
		{name: "fit: a thread, post by post", args: []string{"fit", "--limit", "10"}, stdin: "one two three\n\n---\n\nfour\n",
			stdout: "one two\n\n---\n\nfour\n", stderr: "stdin:1:1 (1/2): cut 5 characters: \"three\"\n"},
		{name: "fit: nothing fits", args: []string{"fit", "--limit", "5"}, stdin: "@someone_long", stdout: "\n",
			stderr: "cut 13 characters: \"@someone_long\"\n"},
		{name: "fit: a long cut is shortened", args: []string{"fit", "--limit", "4"}, stdin: long,
			stdout: "word\n", stderr: "cut 195 characters: \"word word word word word word word word word word word word \"…\n"},
		{name: "fit: a check format", args: []string{"fit", "--format", "json"}, code: 2, stderr: "tweetlen: fit writes text only, not \"json\"\n"},
		{name: "fit: invalid UTF-8", args: []string{"fit"}, stdin: "\xff", code: 2, stderr: "tweetlen: stdin:1:1: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, tt.args...)
			if code != tt.code || stdout != tt.stdout || !strings.HasPrefix(stderr, tt.stderr) || tt.stderr == "" && stderr != "" {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant %d, %q, %q…", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

// TestSplitMarkdownRoundTrip checks that a Markdown draft's parts, read
// back as Markdown, count what split said: its images are lifted out.
func TestSplitMarkdownRoundTrip(t *testing.T) {
	draft := filepath.Join(t.TempDir(), "draft.md")
	text := "Look at this. ![A long description of the photo, for people who cannot see it](photo.png) " + strings.Repeat("More words. ", 20)
	if err := os.WriteFile(draft, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	code, thread, stderr := run(t, "", "split", "--number", draft)
	if code != 0 || stderr != "" {
		t.Fatalf("split: exit %d, %s", code, stderr)
	}
	if strings.Count(thread, "![A long description") != 1 {
		t.Errorf("the image is not in one part:\n%s", thread)
	}
	// photo.png does not exist: check fails on that, not on a length.
	_, report, _ := run(t, thread, "check", "--input", "md", "-")
	if strings.Contains(report, "over") || strings.Count(report, " left · ") != 2 {
		t.Errorf("check:\n%s", report)
	}
	_, jsonOut, _ := run(t, "", "split", "--number", "--format", "json", draft)
	for i, line := range strings.Split(strings.TrimSpace(jsonOut), "\n") {
		var counts []string
		for _, l := range strings.Split(report, "\n") {
			if strings.HasPrefix(l, "stdin:") {
				counts = append(counts, strings.SplitN(strings.SplitN(l, ": ", 2)[1], "/", 2)[0])
			}
		}
		if i >= len(counts) || !strings.Contains(line, `"count":`+counts[i]+`,`) {
			t.Errorf("part %d: JSON %s, check says %v", i+1, line, counts)
		}
	}
}

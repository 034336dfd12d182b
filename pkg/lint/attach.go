package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// kinds are the media kinds in the order reports list them; Unknown last.
var kinds = [...]media.Kind{media.Image, media.GIF, media.Video, media.Unknown}

// checkMedia inspects r.Post's attachments, fills in r.Media and reports the
// media rules of r.Profile that they break.
//
// Each attachment is inspected with opts.Inspector (or, without one, judged
// from its name); a pic.twitter.com link is not inspected (its file is on
// Twitter). Then come the rules of each attachment, in order (readable, of
// an accepted format, not too large, alt text not too long), then those of
// the post (how many of each kind, no mix). An empty list of accepted
// formats accepts any; a size limit of 0 is no limit; a count of 0 allows
// none of that kind. Alt text is checked on every kind.
func checkMedia(r *Report, opts *Options) {
	p, rules := r.Post, &r.Profile.Media
	if len(p.Media) == 0 {
		return
	}
	r.Media = make([]MediaReport, len(p.Media))
	var count [len(kinds)]int
	for i := range p.Media {
		m := &p.Media[i]
		info, read := inspectMedia(r, opts, m)
		r.Media[i] = MediaReport{Media: m, Info: info}
		count[slices.Index(kinds[:], info.Kind)]++

		pos, end := mediaSpan(p, m)
		switch {
		case info.Kind == media.Unknown:
			if read && info.Size == 0 {
				r.add(RuleMediaType, fmt.Sprintf("%s is empty (0 bytes); attach an image or a video", m.File), pos, end)
			} else if read {
				r.add(RuleMediaType, fmt.Sprintf("%s is not an image or video tweetlen recognises (detected from its content, not its name)", m.File), pos, end)
			}
		default:
			checkFormat(r, m, info, read, pos, end)
			if limit := sizeLimit(rules, info.Kind); limit > 0 && info.Size > limit {
				r.add(RuleMediaSize, fmt.Sprintf("%s is %s; %s may be at most %s",
					m.File, bytesPair(info.Size, limit), kindNoun(info.Kind, 2), formatBytes(limit)), pos, end)
			}
			checkVideoLength(r, m, info, pos, end)
		}
		if n := utf8.RuneCountInString(m.Alt); rules.AltMax > 0 && n > rules.AltMax {
			r.add(RuleAltLength, fmt.Sprintf("the alt text of %s is %d characters; alt text may be at most %d",
				m.File, n, rules.AltMax), pos, end)
		}
	}
	checkMediaCounts(r, count[:])
	for i, k := range kinds {
		if count[i] > 0 {
			name := string(k)
			if k == media.Unknown {
				name = "media"
			}
			r.LeftOut = append(r.LeftOut, LeftOut{What: "media", Kind: name, Count: count[i]})
		}
	}
}

// inspectMedia finds out what m is. read reports that its content was read
// (so that its kind and format are facts, not guesses from its name). A
// file that cannot be read is reported and given an unknown kind.
func inspectMedia(r *Report, opts *Options, m *post.Media) (info media.Info, read bool) {
	switch {
	case m.Origin == post.PicLink:
		return media.Info{Remote: true, Kind: media.Unknown, Size: -1}, false
	case opts.Inspector == nil:
		return media.FromName(m.File), false
	}
	info, err := opts.Inspector.Inspect(r.Post, m)
	if err == nil {
		if !slices.Contains(kinds[:], info.Kind) { // not a kind the rules know
			info.Kind, info.Format = media.Unknown, ""
		}
		return info, !info.Remote
	}
	pos, end := mediaSpan(r.Post, m)
	var nf *MediaNotFoundError
	if errors.As(err, &nf) {
		r.add(RuleMediaMissing, fmt.Sprintf("media file %s not found (looked in %s); fix the path or add the file", m.File, nf.Looked), pos, end)
	} else if errors.Is(err, fs.ErrNotExist) {
		r.add(RuleMediaMissing, notFound(r.Post, m.File), pos, end)
	} else {
		why := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			why = pe.Err
		}
		r.add(RuleMediaMissing, fmt.Sprintf("cannot read %s: %v", m.File, why), pos, end)
	}
	return media.Info{Size: -1, Remote: media.IsURL(m.File)}, false
}

// notFound says that file, attached to p, does not exist, where it was
// looked for, and what to do.
func notFound(p *post.Post, file string) string {
	const todo = "fix the path or add the file"
	if filepath.IsAbs(file) || strings.HasPrefix(file, "/") || media.IsURL(file) {
		return fmt.Sprintf("media file %s not found; %s", file, todo)
	}
	src := p.Source.File
	if src == "" || src == "stdin" {
		return fmt.Sprintf("media file %s not found (looked in the current directory); %s", file, todo)
	}
	dir := filepath.Dir(src)
	if dir == "." {
		return fmt.Sprintf("media file %s not found (looked in the current directory, next to %s); %s", file, src, todo)
	}
	return fmt.Sprintf("media file %s not found (looked in %s%c, next to %s: paths are relative to the post's file); %s",
		file, dir, filepath.Separator, src, todo)
}

// checkFormat reports an attachment whose format r.Profile does not accept.
func checkFormat(r *Report, m *post.Media, info media.Info, read bool, pos, end post.Pos) {
	rules := &r.Profile.Media
	accepted := rules.ImageTypes
	if info.Kind == media.Video {
		accepted = rules.VideoTypes
	}
	if len(accepted) == 0 || info.Format == "" || slices.Contains(accepted, info.Format) {
		return
	}
	how := ""
	if read && media.FromName(m.File).Format != info.Format {
		how = " (detected from its content)"
	}
	names := make([]string, len(accepted))
	for i, f := range accepted {
		names[i] = strings.ToUpper(f)
	}
	noun := "images"
	if info.Kind == media.Video {
		noun = "videos"
	}
	r.add(RuleMediaType, fmt.Sprintf("%s is %s%s; %s must be %s", m.File, info, how, noun, orList(names)), pos, end)
}

// checkMediaCounts reports too many attachments of a kind and a mix of
// kinds. count is indexed like kinds.
func checkMediaCounts(r *Report, count []int) {
	rules := &r.Profile.Media
	limits := [...]int{rules.MaxImages, rules.MaxGIFs, rules.MaxVideos}
	present := 0
	for i, limit := range limits {
		n, k := count[i], kinds[i]
		if n == 0 {
			continue
		}
		present++
		if n <= limit {
			continue
		}
		if limit == 0 {
			j := nthOfKind(r, k, 1)
			m := r.Media[j].Media
			pos, end := mediaSpan(r.Post, m)
			r.add(RuleMediaCount, fmt.Sprintf("%s is %s; the %s profile allows no %s",
				m.File, r.Media[j].Info, r.Profile.Name, kindNoun(k, 2)), pos, end)
			continue
		}
		j := nthOfKind(r, k, limit+1)
		m := r.Media[j].Media
		pos, end := mediaSpan(r.Post, m)
		r.add(RuleMediaCount, fmt.Sprintf("%d %s attached; a post may have at most %d (%s is the %s)",
			n, kindNoun(k, n), limit, m.File, ordinal(limit+1)), pos, end)
	}
	if present < 2 || rules.Mix {
		return
	}
	// Report the first attachment of another kind than the first one's.
	var first media.Kind
	for i := range r.Media {
		k := r.Media[i].Info.Kind
		switch {
		case k == media.Unknown:
		case first == media.Unknown:
			first = k
		case k != first:
			m := r.Media[i].Media
			pos, end := mediaSpan(r.Post, m)
			n := count[slices.Index(kinds[:], first)]
			r.add(RuleMediaMix, fmt.Sprintf("%s is %s but the post also has %d %s; images, GIFs and videos cannot be mixed in one post",
				m.File, r.Media[i].Info, n, kindNoun(first, n)), pos, end)
			return
		}
	}
}

// nthOfKind returns the index in r.Media of the nth (1-based) attachment of
// kind k.
func nthOfKind(r *Report, k media.Kind, nth int) int {
	for i := range r.Media {
		if r.Media[i].Info.Kind == k {
			if nth--; nth == 0 {
				return i
			}
		}
	}
	return -1
}

// mediaSpan is where m is written: its position, and the end of its markup
// when it is written in a verbatim text.
func mediaSpan(p *post.Post, m *post.Media) (pos, end post.Pos) {
	if m.InText() && p.Source.Verbatim && m.End <= len(p.Text) {
		end = p.Locate(m.End)
	}
	return m.Pos, end
}

// sizeLimit is the size limit of kind k in bytes, 0 for none.
func sizeLimit(rules *profile.MediaRules, k media.Kind) int64 {
	switch k {
	case media.Image:
		return rules.ImageBytes
	case media.GIF:
		return rules.GIFBytes
	case media.Video:
		return rules.VideoBytes
	}
	return 0
}

// kindNoun names kind k for a count of n: "image", "GIFs".
func kindNoun(k media.Kind, n int) string {
	s := map[media.Kind]string{media.Image: "image", media.GIF: "GIF", media.Video: "video"}[k]
	if s == "" {
		s = "attachment"
	}
	if n != 1 {
		s += "s"
	}
	return s
}

// formatBytes writes a size the way platforms state their limits: in MB and
// KB of 1024.
func formatBytes(n int64) string {
	var s string
	switch {
	case n >= 1<<20:
		s = strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		s = strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	default:
		return fmt.Sprintf("%d bytes", n)
	}
	return strings.Replace(s, ".0 ", " ", 1)
}

// bytesPair writes a size measured against a limit it is over: rounded when
// that shows the difference, in bytes when it does not.
func bytesPair(size, limit int64) string {
	if s := formatBytes(size); s != formatBytes(limit) {
		return s
	}
	return fmt.Sprintf("%d bytes (the limit %s is %d bytes)", size, formatBytes(limit), limit)
}

// orList joins words as "A, B or C".
func orList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// ordinal writes n as "1st", "2nd", "11th"…
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// checkPoll reports the poll rules of r.Profile that r.Post's poll breaks.
// A limit of 0 is no limit; a duration of 0 is "not given".
func checkPoll(r *Report) {
	poll, rules := r.Post.Poll, &r.Profile.Poll
	if poll == nil {
		return
	}
	n := len(poll.Options)
	switch {
	case rules.MinOptions > 0 && n < rules.MinOptions:
		r.add(RulePollOptions, fmt.Sprintf("the poll has %d %s; a poll needs at least %d",
			n, plural(n, "option"), rules.MinOptions), poll.Pos, post.Pos{})
	case rules.MaxOptions > 0 && n > rules.MaxOptions:
		r.add(RulePollOptions, fmt.Sprintf("the poll has %d options; a poll may have at most %d",
			n, rules.MaxOptions), poll.Pos, post.Pos{})
	}
	for i, o := range poll.Options {
		pos := o.Pos
		if pos.IsZero() {
			pos = poll.Pos
		}
		length := utf8.RuneCountInString(o.Text)
		switch {
		case strings.TrimSpace(o.Text) == "":
			r.add(RulePollOption, fmt.Sprintf("poll option %d is empty; write a choice or remove it", i+1), pos, post.Pos{})
		case rules.OptionMax > 0 && length > rules.OptionMax:
			shown := o.Text
			if length > rules.OptionMax+20 {
				shown = string([]rune(shown)[:rules.OptionMax+10]) + "…"
			}
			r.add(RulePollOption, fmt.Sprintf("poll option %d %q is %d characters; an option may be at most %d",
				i+1, shown, length, rules.OptionMax), pos, post.Pos{})
		}
	}
	switch d := poll.DurationMinutes; {
	case d < 0:
		r.add(RulePollDuration, fmt.Sprintf("the poll lasts %d minutes; a duration must be positive", d), poll.Pos, post.Pos{})
	case d == 0:
	case rules.MinMinutes > 0 && d < rules.MinMinutes:
		r.add(RulePollDuration, fmt.Sprintf("the poll lasts %s; a poll must last at least %s",
			minutes(d), minutes(rules.MinMinutes)), poll.Pos, post.Pos{})
	case rules.MaxMinutes > 0 && d > rules.MaxMinutes:
		r.add(RulePollDuration, fmt.Sprintf("the poll lasts %s; a poll may last at most %s",
			minutes(d), minutes(rules.MaxMinutes)), poll.Pos, post.Pos{})
	}
	if len(r.Post.Media) > 0 && !rules.WithMedia {
		what := r.Post.Media[0].File
		if more := len(r.Post.Media) - 1; more > 0 {
			what += fmt.Sprintf(" and %d more", more)
		}
		r.add(RulePollMedia, fmt.Sprintf("the post has a poll and media (%s); a post may have one or the other, not both: move one to another post",
			what), poll.Pos, post.Pos{})
	}
}

// minutes writes a duration given in minutes in the largest whole unit,
// with the minutes too when that unit is not minutes: "3 minutes",
// "7 days (10080 minutes)".
func minutes(n int) string {
	switch {
	case n > 0 && n%1440 == 0:
		return fmt.Sprintf("%d %s (%d minutes)", n/1440, plural(n/1440, "day"), n)
	case n > 0 && n%60 == 0:
		return fmt.Sprintf("%d %s (%d minutes)", n/60, plural(n/60, "hour"), n)
	}
	return fmt.Sprintf("%d %s", n, plural(n, "minute"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// checkVideoLength reports a video whose duration, when its container
// records one, is outside r.Profile's bounds.
func checkVideoLength(r *Report, m *post.Media, info media.Info, pos, end post.Pos) {
	rules := &r.Profile.Media
	if info.Kind != media.Video || info.Duration <= 0 {
		return
	}
	secs := info.Duration.Seconds()
	switch {
	case rules.VideoMinSeconds > 0 && secs < rules.VideoMinSeconds:
		r.add(RuleMediaLength, fmt.Sprintf("%s is %s long; videos must be at least %s under %s",
			m.File, formatSeconds(secs, false), formatSeconds(rules.VideoMinSeconds, false), r.Profile.Name), pos, end)
	case rules.VideoMaxSeconds > 0 && secs > rules.VideoMaxSeconds:
		r.add(RuleMediaLength, fmt.Sprintf("%s is %s long; videos may be at most %s under %s; trim it",
			m.File, formatSeconds(secs, true), formatSeconds(rules.VideoMaxSeconds, false), r.Profile.Name), pos, end)
	}
}

// formatSeconds writes a duration for people: "0.3 s", "45 s",
// "2 min 20 s", "10 min", "2 h 5 min". It keeps hundredths of a second where
// there are any, rounded up when up is true and down otherwise, so that a
// clip a fraction past a bound never reads as equal to it.
func formatSeconds(s float64, up bool) string {
	round := math.Floor
	if up {
		round = math.Ceil
	}
	hundredths := int64(round(s * 100))
	whole, frac := hundredths/100, hundredths%100
	h, m, sec := whole/3600, whole/60%60, whole%60
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	if m > 0 {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	if sec > 0 || frac > 0 || len(parts) == 0 {
		secs := strconv.FormatInt(sec, 10)
		if frac > 0 {
			secs += strings.TrimRight(fmt.Sprintf(".%02d", frac), "0")
		}
		parts = append(parts, secs+" s")
	}
	return strings.Join(parts, " ")
}

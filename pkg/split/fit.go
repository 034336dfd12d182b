package split

// FitOptions say how to cut a text down to what fits.
type FitOptions struct {
	// Ellipsis is added to the text when it is cut ("…"), and counted.
	Ellipsis string
	// Keep lists byte spans [start, end) of the text not to cut, as in
	// Item.Keep.
	Keep [][2]int
}

// FitResult is the longest prefix of a text that fits.
type FitResult struct {
	// Text is the prefix, with the ellipsis when the text was cut.
	Text string
	// End is the byte offset in the input where the prefix ends (trimmed of
	// white space when the text was cut): input[End:] is what was cut.
	End int
	// Cut reports that the text was cut.
	Cut bool
	// Rank is the rank of the place the text was cut (End when it was not).
	Rank Rank
	// Count is what the measure said Text counts; OK whether it fits (false
	// only when not even the ellipsis alone fits).
	Count int
	OK    bool
}

// Fit returns the longest prefix of text that fits: the whole text when it
// fits; else the longest prefix that fits with the ellipsis, cut at the last
// word boundary in it when there is one, else between grapheme clusters, and
// never inside a URL, a mention, a hashtag, a cashtag, an emoji or a span of
// opts.Keep. The candidates handed to m are all of item 0, starting at 0.
func Fit(text string, m Measure, opts FitOptions) FitResult {
	whole := trimmedEnd(text)
	if count, ok := m(Candidate{Text: text, End: len(text), First: true, Last: true}); ok {
		return FitResult{Text: text, End: len(text), Rank: End, Count: count, OK: true}
	}
	measured := map[int]result{}
	fits := func(end int) result {
		if r, ok := measured[end]; ok {
			return r
		}
		count, ok := m(Candidate{Text: text[:end] + opts.Ellipsis, End: end, First: true, Last: end == whole})
		measured[end] = result{count, ok}
		return measured[end]
	}
	// The places to cut before the end of the text. A text too long to fit
	// is cut long before its end, so stop listing once a place does not fit
	// (checked every so often).
	cuts := newCutter(text, opts.Keep)
	var win []cut
	for {
		c, ok := cuts.next()
		if !ok || c.rank == End {
			break
		}
		if c.end == 0 {
			continue // nothing but white space before it
		}
		win = append(win, c)
		if len(win)%64 == 0 && !fits(c.end).ok {
			break
		}
	}
	// The longest that fits, by bisection.
	lo, hi := -1, len(win)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fits(win[mid].end).ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo < 0 {
		r := fits(0)
		if !r.ok {
			return FitResult{Cut: true, Count: r.count}
		}
		return FitResult{Text: opts.Ellipsis, Cut: true, Count: r.count, OK: true}
	}
	best := win[lo]
	if best.rank < Word {
		for j := lo - 1; j >= 0; j-- {
			if win[j].rank >= Word {
				if fits(win[j].end).ok {
					best = win[j]
				}
				break
			}
		}
	}
	r := fits(best.end)
	return FitResult{Text: text[:best.end] + opts.Ellipsis, End: best.end, Cut: true, Rank: best.rank, Count: r.count, OK: true}
}

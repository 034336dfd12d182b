// Package split splits a draft that is too long into a thread of parts that
// each fit, and cuts a draft down to the longest prefix that fits. It knows
// nothing of files or flags: it is given texts and a [Measure] that says what
// a candidate part counts and whether it fits ([ForProfile] and [Posts] build
// one from a profile with lint.Check, so that a part counts exactly what
// `tweetlen check` says).
//
// # Where a text may be cut
//
// Offsets are byte offsets into the UTF-8 text. A text is cut only between
// grapheme clusters (what an editor shows as characters), so never inside an
// emoji sequence, a flag or a letter with combining marks, and never inside a
// URL (as twitter-text finds URLs), an @mention, a #hashtag, a $cashtag, an
// emoji unit, or a span the caller protects (Markdown images ![alt](file)).
// Each place a text may be cut has a rank, highest first:
//
//   - paragraph: a run of white space holding two line breaks or more;
//   - sentence: a sentence boundary of Unicode's UAX #29 that is also a
//     line-break opportunity (after "." and a space, after "。", at a line
//     break);
//   - word: a line-break opportunity of UAX #14 (after a space or a hyphen,
//     between two CJK characters, never before a comma or "。");
//   - grapheme: any other place between two grapheme clusters.
//
// The end of the text ranks above all. The rules are those of
// github.com/rivo/uniseg, which cut Chinese and Japanese between characters
// without spaces. They know no dictionary: Thai, Lao, Khmer and Burmese are
// cut at spaces, and inside a run without spaces only between grapheme
// clusters.
//
// # The greedy rule
//
// [Split] builds the thread part by part. Each part starts at the first
// character that is not white space of what is left, and
//
//  1. takes the longest prefix of what is left that fits, counter included
//     (the measure is asked, a number of times logarithmic in the part's
//     length: the search assumes that a shorter prefix of a part that fits
//     fits too, which holds for the profiles' counts since URLs, entities and
//     grapheme clusters are never cut; in the rare text where cutting a word
//     turns its beginning into a URL, a part may be shorter than it could
//     be, but it always fits);
//  2. ends at the highest-ranked place to cut inside that prefix: the last
//     paragraph break in it, else the last sentence boundary, else the last
//     word boundary, else the end of the prefix; a rank is taken only if the
//     part it gives counts at least half of what the longest prefix counts
//     (otherwise the next rank is tried), so that no part is left tiny;
//  3. is trimmed of white space at both ends.
//
// A text with thread delimiters is given as several items ([SplitItems]);
// each item is split on its own, so a delimiter is always a break. With
// numbering, the counter ("{i}/{n}" by default) is part of what is measured,
// and it must say the thread's length: the counters are first written for a
// thread of one part; when a split gives more parts than its counters say,
// it is done again with counters for that many; when it gives fewer, its
// parts are numbered with their own number (shorter counters), provided
// every part still fits.
//
// When the smallest unit that can start a part (a URL, a mention, a
// character) does not fit alone, Split fails with an [*UnbreakableError]
// rather than cut it.
//
// [Fit] keeps the longest prefix that fits (with the ellipsis, when one is
// asked for and the text is cut), ending at the last word boundary in it when
// there is one, else between grapheme clusters.
package split

// Package corpus generates deterministic, tweet-like test texts for
// tweetlen's benchmarks and its side-by-side comparison with the reference
// (bench/compare).
//
// Every function is a pure function of its seed: the same seed gives the
// same bytes on every run, machine and Go version (the generator uses
// math/rand/v2's PCG source and its own bounded-integer mapping, never the
// Rand methods whose algorithms Go may change). Generated data is never
// committed; regenerate it.
//
// The mix follows the performance issue: a quarter plain ASCII prose, the
// rest URLs, mentions, emoji, CJK, Arabic/Hebrew, decomposed marks,
// Indic/Thai and mixed texts, about 210 bytes on average.
package corpus

import (
	"bufio"
	"encoding/json"
	"io"
	"math/bits"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Class is the kind of a generated text.
type Class string

// The classes, in [Classes] order.
const (
	ASCII      Class = "ascii"      // plain ASCII prose
	URLs       Class = "urls"       // prose with 1–3 URLs, with and without protocol, t.co
	Mentions   Class = "mentions"   // @user, #tag and $CASH entities in prose
	Emoji      Class = "emoji"      // emoji incl. ZWJ families, flags, skin tones, keycaps
	CJK        Class = "cjk"        // Chinese, Japanese or Korean
	RTL        Class = "rtl"        // Arabic or Hebrew
	Decomposed Class = "decomposed" // Latin with combining marks that NFC composes or reorders
	Indic      Class = "indic"      // Devanagari, Tamil or Thai
	Mixed      Class = "mixed"      // a bit of everything in one text
)

// Classes lists every class in a fixed order.
var Classes = []Class{ASCII, URLs, Mentions, Emoji, CJK, RTL, Decomposed, Indic, Mixed}

// Weight is the share of each class in [Texts], in thousandths; ASCII is a
// quarter.
var Weight = map[Class]int{
	ASCII: 250, URLs: 110, Mentions: 100, Emoji: 100, CJK: 90,
	RTL: 85, Decomposed: 80, Indic: 85, Mixed: 100,
}

// Text is one generated text.
type Text struct {
	Class Class
	Text  string
}

// streamKey separates the PCG streams of [Texts], [ClassTexts] and
// [LongDocument] for the same seed.
const (
	keyTexts = 0x7477656574_6c656e // "tweetlen"
	keyLong  = 0x6c6f6e67_646f6373 // "longdocs"
)

// Texts returns n texts drawn with the class weights of [Weight].
func Texts(seed uint64, n int) []Text {
	g := newGen(seed, keyTexts)
	out := make([]Text, n)
	for i := range out {
		c := g.class()
		out[i] = Text{Class: c, Text: g.text(c)}
	}
	return out
}

// ClassTexts returns n texts of class c only. Each class has its own stream,
// so ClassTexts(seed, c, n) does not depend on the other classes.
func ClassTexts(seed uint64, c Class, n int) []Text {
	g := newGen(seed, classKey(c))
	out := make([]Text, n)
	for i := range out {
		out[i] = Text{Class: c, Text: g.text(c)}
	}
	return out
}

// LongDocument returns a document of at least size bytes (and less than
// size plus one text more): texts of the [Texts] mix joined by newlines.
func LongDocument(seed uint64, size int) string {
	g := newGen(seed, keyLong)
	var b strings.Builder
	b.Grow(size + 1024)
	for b.Len() < size {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(g.text(g.class()))
	}
	return b.String()
}

// WriteJSONL writes Texts(seed, n) as JSON Lines, one
// {"id":i,"text":"..."} object per line with ids 0 to n-1.
func WriteJSONL(w io.Writer, seed uint64, n int) error {
	return WriteTextsJSONL(w, Texts(seed, n))
}

// WriteTextsJSONL writes texts as JSON Lines with ids 0 to len(texts)-1.
func WriteTextsJSONL(w io.Writer, texts []Text) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var line []byte
	for i, t := range texts {
		line = AppendJSONL(line[:0], i, QuoteJSON(t.Text))
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// QuoteJSON returns s as a JSON string literal (without HTML escaping).
func QuoteJSON(s string) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil { // cannot fail for a string
		panic(err)
	}
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}

// AppendJSONL appends the line {"id":id,"text":quoted}\n to dst, where
// quoted is a JSON string literal such as [QuoteJSON] returns.
func AppendJSONL(dst []byte, id int, quoted []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = strconv.AppendInt(dst, int64(id), 10)
	dst = append(dst, `,"text":`...)
	dst = append(dst, quoted...)
	return append(dst, "}\n"...)
}

func classKey(c Class) uint64 {
	// FNV-1a, so a class's stream depends only on its name.
	h := uint64(14695981039346656037)
	for i := 0; i < len(c); i++ {
		h ^= uint64(c[i])
		h *= 1099511628211
	}
	return h
}

// gen is a text generator over one PCG stream.
type gen struct {
	src rand.Source
	b   strings.Builder
}

func newGen(seed, key uint64) *gen {
	return &gen{src: rand.NewPCG(seed, key)}
}

// intn returns a number in [0, n) (n > 0). Multiply-shift: a tiny bias is
// irrelevant here and the mapping never changes.
func (g *gen) intn(n int) int {
	hi, _ := bits.Mul64(g.src.Uint64(), uint64(n))
	return int(hi)
}

// chance reports true with probability pct/100.
func (g *gen) chance(pct int) bool { return g.intn(100) < pct }

func pick[T any](g *gen, list []T) T { return list[g.intn(len(list))] }

func (g *gen) class() Class {
	n := g.intn(1000)
	for _, c := range Classes {
		if n < Weight[c] {
			return c
		}
		n -= Weight[c]
	}
	return ASCII // unreachable while the weights sum to 1000
}

// targetLen draws a text's byte length target: a triangular distribution
// over [28, 378] (mean 203); the last token's overshoot brings the mean to
// about 210 bytes.
func (g *gen) targetLen() int { return 28 + g.intn(176) + g.intn(176) }

func (g *gen) text(c Class) string {
	g.b.Reset()
	target := g.targetLen()
	switch c {
	case ASCII:
		g.prose(target)
	case URLs:
		g.urlsText(target)
	case Mentions:
		g.mentionsText(target)
	case Emoji:
		g.emojiText(target)
	case CJK:
		g.cjkText(target)
	case RTL:
		g.rtlText(target)
	case Decomposed:
		g.decomposedText(target)
	case Indic:
		g.indicText(target)
	case Mixed:
		g.mixedText(target)
	default:
		panic("corpus: unknown class " + string(c))
	}
	return g.b.String()
}

// sep writes a space unless the text is empty.
func (g *gen) sep() {
	if g.b.Len() > 0 {
		g.b.WriteByte(' ')
	}
}

// --- ascii -----------------------------------------------------------------

var words = strings.Fields(`the of and to in is you that it he was for on are as with
his they at be this have from or one had by word but not what all were we when
your can said there use an each which she do how their if will up other about
out many then them these so some her would make like him into time has look two
more write go see number no way could people my than first water been call who
its now find long down day did get come made may part today really just think
know good new great still love thanks going back work year over want need right
week tomorrow morning night again better every little because never always
something anyone nothing being life game team watch read check post share tweet
update launch release version build fast slow test world best happy excited`)

func (g *gen) word() string { return pick(g, words) }

// sentence writes a capitalised ASCII sentence of 3–14 words, cut short
// when the text reaches target bytes.
func (g *gen) sentence(target int) {
	n := 3 + g.intn(12)
	for i := 0; i < n && (i < 2 || g.b.Len() < target); i++ {
		g.sep()
		w := g.word()
		switch {
		case i == 0:
			g.b.WriteString(strings.ToUpper(w[:1]))
			g.b.WriteString(w[1:])
		case g.chance(3):
			g.b.WriteString(strconv.Itoa(g.intn(3000)))
		case g.chance(4):
			g.b.WriteString(w)
			g.b.WriteString(pick(g, []string{",", "'s", " -", ":", ";"}))
		default:
			g.b.WriteString(w)
		}
	}
	g.b.WriteString(pick(g, []string{".", ".", ".", "!", "?", "...", "!!"}))
}

func (g *gen) prose(target int) {
	for g.b.Len() < target {
		g.sentence(target)
	}
}

// proseWords writes k plain words.
func (g *gen) proseWords(k int) {
	for i := 0; i < k; i++ {
		g.sep()
		g.b.WriteString(g.word())
	}
}

// --- urls ------------------------------------------------------------------

var (
	domains = []string{"example.com", "www.example.org", "github.com", "go.dev",
		"en.wikipedia.org", "news.ycombinator.com", "www.bbc.co.uk", "youtu.be",
		"bit.ly", "www.amazon.co.jp", "blog.example.io", "docs.google.com",
		"medium.com", "www.nytimes.com", "stackoverflow.com", "example.net",
		"shop.example.de", "api.example.dev", "localhost.test", "x.com"}
	schemes = []string{"https://", "https://", "http://", "", ""}
	paths   = []string{"", "", "/", "/about", "/wiki/Go_(programming_language)",
		"/a/b/c/d", "/watch?v=dQw4w9WgXcQ", "/search?q=go+lang&hl=en",
		"/path/to/page.html#section-2", "/@someone/a-long-post-title-123abc",
		"/2024/05/17/story.html?utm_source=twitter&utm_medium=social",
		"/questions/12345/how-do-i", "/p/AbC_dEf-123/", "/index.php?id=42&lang=fr",
		"/~user/files/report.pdf", "/issues/1234#issuecomment-998877"}
)

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func (g *gen) randString(alphabet string, n int) {
	for i := 0; i < n; i++ {
		g.b.WriteByte(alphabet[g.intn(len(alphabet))])
	}
}

func (g *gen) url() {
	if g.chance(25) {
		g.b.WriteString("https://t.co/")
		g.randString(alnum, 10)
		return
	}
	g.b.WriteString(pick(g, schemes))
	g.b.WriteString(pick(g, domains))
	g.b.WriteString(pick(g, paths))
}

func (g *gen) urlsText(target int) {
	k := 1 + g.intn(3)
	// Spread the URLs: about target/(k+1) bytes of prose before each.
	for i := 0; i < k; i++ {
		g.proseWords(1 + g.intn(1+target/(7*(k+1))))
		g.sep()
		g.url()
		if g.chance(20) {
			g.b.WriteString(pick(g, []string{".", ",", ")", "!"}))
		}
	}
	for g.b.Len() < target {
		g.proseWords(1)
	}
}

// --- mentions --------------------------------------------------------------

var (
	tags     = []string{"golang", "TBT", "MondayMotivation", "100DaysOfCode", "news", "WorldCup2026", "AI", "photography", "OpenSource", "tbt", "FF", "dev", "music", "art", "jobs"}
	cashtags = []string{"AAPL", "TSLA", "GOOG", "BTC", "ETH", "MSFT", "NVDA", "AMZN", "F", "GE"}
)

const userChars = "abcdefghijklmnopqrstuvwxyz_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

func (g *gen) mention() {
	g.b.WriteByte('@')
	g.b.WriteByte(alnum[g.intn(26)])
	g.randString(userChars, 2+g.intn(12))
}

func (g *gen) entity() {
	switch n := g.intn(10); {
	case n < 5:
		g.mention()
	case n < 8:
		g.b.WriteByte('#')
		g.b.WriteString(pick(g, tags))
	default:
		g.b.WriteByte('$')
		g.b.WriteString(pick(g, cashtags))
	}
}

func (g *gen) mentionsText(target int) {
	if g.chance(40) { // a reply: leading mentions
		for k := 1 + g.intn(3); k > 0; k-- {
			g.sep()
			g.mention()
		}
	}
	for g.b.Len() < target {
		if g.chance(30) {
			g.sep()
			g.entity()
		} else {
			g.proseWords(1)
		}
	}
}

// --- emoji -----------------------------------------------------------------

var (
	simpleEmoji = []string{"😀", "😂", "🥰", "🔥", "🎉", "👍", "🙏", "💯", "🤔", "😭", "✨", "🚀", "🥲", "🫠", "😍", "🙈", "💀", "🍕", "🐶", "🌍"}
	// Emoji with and without the variation selector U+FE0F.
	vsEmoji    = []string{"❤️", "☺️", "✌️", "☀️", "⚽", "⭐", "❤", "☺", "✌", "☀", "™️", "©", "↩️", "▶️"}
	skinBases  = []string{"👍", "👋", "🙌", "👏", "💪", "🤞", "🧑", "👩", "✋"}
	skinTones  = []string{"\U0001F3FB", "\U0001F3FC", "\U0001F3FD", "\U0001F3FE", "\U0001F3FF"}
	zwjEmoji   = []string{"👨\u200d👩\u200d👧\u200d👦", "👩\u200d❤️\u200d👨", "👨\u200d💻", "👩\u200d🔬", "🏳️\u200d🌈", "🧑🏽\u200d🚀", "👨\u200d👨\u200d👦", "🏴\u200d☠️", "👩🏾\u200d🤝\u200d👩🏻", "🐕\u200d🦺"}
	flagCodes  = []string{"US", "FR", "JP", "DE", "BR", "IN", "GB", "KR", "UA", "NG", "MX", "EG"}
	keycaps    = []string{"1️⃣", "2️⃣", "#️⃣", "*️⃣", "0\u20e3", "9️⃣"}
	tagFlags   = []string{"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"}
	emojiKinds = []func(*gen){
		func(g *gen) { g.b.WriteString(pick(g, simpleEmoji)) },
		func(g *gen) { g.b.WriteString(pick(g, simpleEmoji)) },
		func(g *gen) { g.b.WriteString(pick(g, vsEmoji)) },
		func(g *gen) { g.b.WriteString(pick(g, skinBases)); g.b.WriteString(pick(g, skinTones)) },
		func(g *gen) { g.b.WriteString(pick(g, zwjEmoji)) },
		func(g *gen) {
			c := pick(g, flagCodes)
			g.b.WriteRune(rune(c[0]-'A') + 0x1F1E6)
			g.b.WriteRune(rune(c[1]-'A') + 0x1F1E6)
		},
		func(g *gen) { g.b.WriteString(pick(g, keycaps)) },
		func(g *gen) {
			if g.chance(30) {
				g.b.WriteString(pick(g, tagFlags))
			} else {
				g.b.WriteString(pick(g, simpleEmoji))
			}
		},
	}
)

func (g *gen) emoji() {
	pick(g, emojiKinds)(g)
}

func (g *gen) emojiText(target int) {
	for g.b.Len() < target {
		switch n := g.intn(10); {
		case n < 4:
			g.proseWords(1 + g.intn(3))
		case n < 8:
			g.sep()
			g.emoji()
		default: // a run of emoji without spaces
			g.sep()
			for k := 2 + g.intn(4); k > 0; k-- {
				g.emoji()
			}
		}
	}
}

// --- cjk -------------------------------------------------------------------

var (
	zhPhrases = []string{"今天天气很好", "我们一起去吃饭吧", "这个问题很有意思", "学习中文需要时间", "北京", "上海的夜景非常漂亮", "谢谢大家的支持", "新版本已经发布了", "请关注我们", "周末愉快"}
	jaPhrases = []string{"こんにちは", "ありがとうございます", "今日はいい天気ですね", "東京に行きたい", "カタカナのテキスト", "新しいバージョンをリリースしました", "よろしくお願いします", "ｶﾀｶﾅ", "ラーメンが食べたい", "明日は雨らしい"}
	koPhrases = []string{"안녕하세요", "감사합니다", "오늘 날씨가 좋네요", "서울에서 만나요", "새 버전이 출시되었습니다", "주말 잘 보내세요", "정말 재미있어요", "한국어 공부"}
	cjkPunct  = []string{"。", "、", "！", "？", "，", "「", "」", "…", "～", ""}
)

func (g *gen) cjkText(target int) {
	lang := g.intn(3)
	phrases := [][]string{zhPhrases, jaPhrases, koPhrases}[lang]
	ko := lang == 2 // Korean separates words with spaces
	for g.b.Len() < target {
		if ko {
			g.sep()
		}
		switch {
		case g.chance(8):
			g.b.WriteString(pick(g, []string{"ＡＢＣ", "１２３", "OK", "iPhone", "2026年", "ＮＨＫ"}))
		default:
			g.b.WriteString(pick(g, phrases))
		}
		if ko {
			g.b.WriteString(pick(g, []string{".", "!", "", "", "?"}))
		} else {
			g.b.WriteString(pick(g, cjkPunct))
		}
	}
}

// --- rtl -------------------------------------------------------------------

var (
	// Arabic words carry at most one haraka per letter, so they are in NFC.
	arWords = []string{"مرحبا", "العالم", "كيف", "حالك", "اليوم", "شكرا", "جدا", "السلام", "عليكم", "الكتاب", "مدينة", "جميل", "كَتَبَ", "مِصر", "٢٠٢٦", "الأخبار", "إلى", "آخر"}
	heWords = []string{"שלום", "עולם", "תודה", "רבה", "מה", "שלומך", "היום", "ירושלים", "ספר", "חדש", "גרסה", "בוקר", "טוב"}
)

func (g *gen) rtlText(target int) {
	list, punct := arWords, []string{"،", "؟", ".", "!"}
	if g.chance(40) {
		list, punct = heWords, []string{",", "?", ".", "!"}
	}
	for g.b.Len() < target {
		g.sep()
		switch {
		case g.chance(5):
			g.b.WriteString(pick(g, []string{"2026", "iPhone", "OK", "100%", "(1)"}))
		default:
			g.b.WriteString(pick(g, list))
		}
		if g.chance(12) {
			g.b.WriteString(pick(g, punct))
		}
	}
}

// --- decomposed ------------------------------------------------------------

// decomposedWords are written with combining marks (NFD, and a few in
// non-canonical order), so NFC changes every one of them.
var decomposedWords = []string{
	"cafe\u0301", "re\u0301sume\u0301", "nai\u0308ve", "jalapen\u0303o", "fac\u0327ade",
	"u\u0308ber", "A\u030angstro\u0308m", "Sa\u0303o Paulo", "Tie\u0302\u0301ng Vie\u0323\u0302t",
	"cre\u0300me bru\u0302le\u0301e", "pin\u0303ata", "co\u0308operate", "E\u0301cole",
	"Mu\u0308nchen", "Zu\u0308rich", "fian\u0303ce\u0301e", "Bogota\u0301", "Malmo\u0308",
	"o\u031b\u0309", "u\u031b\u0303a", "e\u0301\u0323", // the last: marks out of canonical order
	"\u1112\u1161\u11ab\u1100\u1173\u11af", // Hangul jamo: 한글
	"Ka\u0308se", "Dvor\u030ca\u0301k", "S\u030ckoda", "Lo\u0301dz\u0301",
}

func (g *gen) decomposedText(target int) {
	first := true
	for g.b.Len() < target {
		if first || g.chance(35) {
			g.sep()
			g.b.WriteString(pick(g, decomposedWords))
			first = false
		} else {
			g.proseWords(1)
		}
		if g.chance(8) {
			g.b.WriteString(pick(g, []string{".", ",", "!"}))
		}
	}
}

// --- indic -----------------------------------------------------------------

var (
	// Nukta forms are written base + U+093C (the NFC form).
	hiWords = []string{"नमस्ते", "भारत", "हिन्दी", "धन्यवाद", "आज", "मौसम", "बहुत", "अच्छा", "है", "क्या", "आप", "कैसे", "हैं", "दिल्ली", "प्रधानमंत्री", "विद्यालय", "क्षमा", "\u091c\u093c\u0930\u0942\u0930", "२०२६", "।"}
	taWords = []string{"வணக்கம்", "தமிழ்", "நன்றி", "இன்று", "சென்னை", "புதிய"}
	thWords = []string{"สวัสดี", "ครับ", "ขอบคุณ", "ประเทศไทย", "กรุงเทพ", "วันนี้", "อากาศ", "ดีมาก", "ภาษาไทย", "น้ำ", "ค่ะ", "เวอร์ชันใหม่"}
)

func (g *gen) indicText(target int) {
	list, space := hiWords, 100
	switch n := g.intn(10); {
	case n < 2:
		list = taWords
	case n < 5:
		list, space = thWords, 30 // Thai puts spaces between phrases, not words
	}
	for g.b.Len() < target {
		if g.chance(space) {
			g.sep()
		}
		if g.chance(4) {
			g.b.WriteString(pick(g, []string{"2026", "OK", "Wi-Fi"}))
			continue
		}
		g.b.WriteString(pick(g, list))
	}
}

// --- mixed -----------------------------------------------------------------

func (g *gen) mixedText(target int) {
	for g.b.Len() < target {
		g.sep()
		switch g.intn(12) {
		case 0, 1, 2:
			g.b.WriteString(g.word())
		case 3:
			g.url()
		case 4:
			g.entity()
		case 5, 6:
			g.emoji()
		case 7:
			g.b.WriteString(pick(g, pick(g, [][]string{zhPhrases, jaPhrases, koPhrases})))
		case 8:
			g.b.WriteString(pick(g, pick(g, [][]string{arWords, heWords})))
		case 9:
			g.b.WriteString(pick(g, pick(g, [][]string{hiWords, taWords, thWords})))
		case 10:
			if g.chance(30) {
				g.b.WriteString(pick(g, decomposedWords))
			} else {
				g.b.WriteString(pick(g, []string{"café", "naïve", "Ångström", "São Paulo", "Tiếng Việt"}))
			}
		case 11:
			g.b.WriteString(pick(g, []string{"—", "…", "“quoted”", "«guillemets»", "‘ok’", "±5°C", "½", "€20", "→", "•"}))
		}
	}
}

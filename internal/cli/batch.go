package cli

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sync"
	"unsafe"

	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// Batch mode with JSON output (--input jsonl --format json) runs as an
// ordered, bounded pipeline:
//
//	reader ──chunks──▶ GOMAXPROCS workers ──▶ writer (in input order)
//
//   - The reader goroutine reads the input straight into a chunk's buffer
//     (about batchChunkBytes), cuts it after its last "\n" and carries the
//     partial last line over to the next chunk. A line longer than the buffer
//     grows it (up to maxLineBytes); a longer one is skipped, whole, and sent
//     as a chunk of its own marked tooLong.
//   - Each worker decodes, counts (tweet.Parse) and encodes every line of a
//     chunk into the chunk's own output buffer, and notes the chunk's input
//     errors (with the output offset they come after) and invalid posts.
//   - The writer (the calling goroutine) takes the chunks in the order the
//     reader made them, waits for each to be done, writes its output and its
//     error messages, interleaved as the sequential version does, counts
//     them for the exit status, and gives the chunk back to the reader.
//
// Memory is bounded by the number of chunks, which is fixed (2 per worker
// and 2 more): the reader waits for a free chunk. The output is byte for
// byte that of the sequential [readJSONLSeq] (TestBatchParallelMatches
// Sequential), which text output (--format text) still uses.

// batchChunkBytes is the size of a chunk's input buffer. A variable so that
// tests can make lines cross chunks often.
var batchChunkBytes = 256 << 10

// batchSequential forces the sequential path (tests compare both).
var batchSequential = false

// chunk is a run of whole input lines and, once a worker is done, their
// output.
type chunk struct {
	seq     int    // 0 for the first chunk of an input
	in      []byte // whole lines; the last may lack its "\n" at the end of the input
	tooLong bool   // in is empty and stands for one line over maxLineBytes
	readErr error  // reading stopped with this error after in

	out     []byte      // the JSON lines of the posts, in order
	errs    []lineError // input errors, in order
	lines   int         // lines in the chunk
	invalid int         // invalid posts
	ready   chan struct{}
}

// lineError is an input error on one line of a chunk.
type lineError struct {
	line int // 1-based, within the chunk
	off  int // len(out) when it happened: out[:off] is written before it
	err  error
}

// batch is one run of the pipeline over one input.
type batch struct {
	r        io.Reader
	size     int // batchChunkBytes, read once: the reader may outlive a failed run
	maxLine  int
	nchunks  int
	made     int
	free     chan *chunk
	work     chan *chunk
	order    chan *chunk
	stop     chan struct{}
	stopOnce sync.Once
}

// readJSONLParallel is readJSONL for JSON output, run as the pipeline
// described above.
func readJSONLParallel(c *checker, in *input, j *jsonReporter) error {
	workers := max(1, runtime.GOMAXPROCS(0))
	b := &batch{
		r:       in.r,
		size:    batchChunkBytes,
		maxLine: maxLineBytes,
		nchunks: 2*workers + 2,
		stop:    make(chan struct{}),
	}
	b.free = make(chan *chunk, b.nchunks)
	b.work = make(chan *chunk, b.nchunks)
	b.order = make(chan *chunk, b.nchunks)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newBatchWorker(c.cfg, j, b.maxLine)
			for ch := range b.work {
				w.process(ch)
				ch.ready <- struct{}{}
			}
		}()
	}
	go b.read()

	err := b.write(c, in.name, j)
	if err != nil {
		// Let the reader and the workers wind down on their own: the
		// reader may be blocked reading the input, and tweetlen exits.
		b.stopOnce.Do(func() { close(b.stop) })
		return err
	}
	wg.Wait()
	return nil
}

// write emits the chunks in input order; it returns when the reader is done
// or when writing fails.
func (b *batch) write(c *checker, name string, j *jsonReporter) error {
	// The chunks go straight to stdout, not through j.w: one write each.
	if err := j.w.Flush(); err != nil {
		return err
	}
	put := func(p []byte) error {
		if len(p) == 0 {
			return nil
		}
		_, err := j.out.Write(p)
		return err
	}
	base := 0 // lines before the current chunk
	for ch := range b.order {
		<-ch.ready
		off := 0
		for _, e := range ch.errs {
			if err := put(ch.out[off:e.off]); err != nil {
				return err
			}
			off = e.off
			if err := c.inputError(fmt.Sprintf("%s:%d", name, base+e.line), e.err); err != nil {
				return err
			}
		}
		if err := put(ch.out[off:]); err != nil {
			return err
		}
		c.invalid += ch.invalid
		if ch.readErr != nil {
			// The line being read when the error came: the partial last
			// line, or the one after the last "\n".
			line := base + bytes.Count(ch.in, []byte("\n")) + 1
			if err := c.inputError(fmt.Sprintf("%s:%d", name, line), pathErr(ch.readErr)); err != nil {
				return err
			}
		}
		base += ch.lines
		b.recycle(ch)
	}
	return nil
}

// recycle gives ch back to the reader, dropping buffers that a long line
// made large.
func (b *batch) recycle(ch *chunk) {
	if cap(ch.in) > 4*b.size {
		ch.in = nil
	}
	if cap(ch.out) > 8*b.size {
		ch.out = nil
	}
	ch.tooLong, ch.readErr = false, nil
	b.free <- ch // never blocks: it holds every chunk
}

// get returns a free chunk, or nil when the writer gave up.
func (b *batch) get() *chunk {
	var ch *chunk
	select {
	case ch = <-b.free:
	default:
		if b.made < b.nchunks {
			b.made++
			ch = &chunk{ready: make(chan struct{}, 1)}
		} else {
			select {
			case ch = <-b.free:
			case <-b.stop:
				return nil
			}
		}
	}
	if ch.in == nil {
		ch.in = make([]byte, 0, b.size)
	}
	if ch.out == nil {
		// A report line is about as long as a corpus line.
		ch.out = make([]byte, 0, b.size+b.size/2)
	}
	return ch
}

// send hands ch to the workers and, in order, to the writer. Neither
// channel can be full: each holds at most every chunk.
func (b *batch) send(ch *chunk) {
	b.work <- ch
	b.order <- ch
}

// read cuts the input into chunks of whole lines.
func (b *batch) read() {
	defer close(b.order)
	defer close(b.work)
	var carry []byte // the partial line after the last chunk's last "\n"
	for seq := 0; ; seq++ {
		ch := b.get()
		if ch == nil {
			return
		}
		ch.seq = seq
		in := append(ch.in[:0], carry...)
		carry = carry[:0]
		var err error
		for {
			// Fill the buffer, then cut it after its last "\n".
			for len(in) < cap(in) && err == nil {
				var n int
				n, err = b.r.Read(in[len(in):cap(in)])
				in = in[:len(in)+n]
			}
			if err != nil {
				break // the chunk is all that is left (EOF or error)
			}
			if i := bytes.LastIndexByte(in, '\n'); i >= 0 {
				carry = append(carry, in[i+1:]...)
				in = in[:i+1]
				break
			}
			// One line fills the buffer.
			if len(in) > b.maxLine {
				in, carry, err = b.skipLine(in, carry)
				ch.tooLong = err == nil || err == io.EOF
				break
			}
			grown := make([]byte, len(in), max(len(in)+1, min(2*cap(in), b.maxLine+1)))
			copy(grown, in)
			in = grown
		}
		ch.in = in
		if err != nil && err != io.EOF {
			ch.readErr = err
		}
		b.send(ch)
		if err != nil {
			return
		}
	}
}

// skipLine reads past the end of the line that fills buf. It returns buf
// emptied, what follows the line in carry, and the read error if the input
// ended first.
func (b *batch) skipLine(buf, carry []byte) ([]byte, []byte, error) {
	for {
		n, err := b.r.Read(buf[:cap(buf)])
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return buf[:0], append(carry, buf[i+1:n]...), nil
		}
		if err != nil {
			return buf[:0], carry, err
		}
	}
}

// batchWorker decodes, counts and encodes the lines of chunks.
type batchWorker struct {
	cfg     tweet.Config
	enc     *jsonReporter // read only: the profile and limit
	maxLine int
	dec     recordDecoder
}

func newBatchWorker(cfg tweet.Config, enc *jsonReporter, maxLine int) *batchWorker {
	return &batchWorker{cfg: cfg, enc: enc, maxLine: maxLine}
}

// process fills ch.out, ch.errs, ch.lines and ch.invalid from ch.in.
func (w *batchWorker) process(ch *chunk) {
	ch.out, ch.errs, ch.lines, ch.invalid = ch.out[:0], ch.errs[:0], 0, 0
	if ch.tooLong {
		ch.lines = 1
		ch.errs = append(ch.errs, lineError{line: 1, err: lineTooLongError(w.maxLine)})
		return
	}
	rest := ch.in
	n := 0
	for len(rest) > 0 {
		n++
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		if err := w.line(ch, line, n == 1 && ch.seq == 0); err != nil {
			ch.errs = append(ch.errs, lineError{line: n, off: len(ch.out), err: err})
		}
	}
	ch.lines = n
}

// line checks one line (without its "\n") and appends its JSON report to
// ch.out, as [checkRecord] does. It does not allocate for a well-formed
// record that the fast decoder takes (TestBatchLineAllocs).
func (w *batchWorker) line(ch *chunk, line []byte, first bool) error {
	text, ok, err := w.decodeLine(line, first)
	if !ok {
		return err
	}
	r := tweet.Parse(text, w.cfg)
	if !r.Valid {
		ch.invalid++
	}
	ch.out = w.enc.appendResult(ch.out, w.dec.id, &r)
	return nil
}

// decodeLine decodes line into its text and w.dec.id. It reports false for
// a blank line (with a nil error) and for a bad one.
//
// The text is not a copy: it aliases the line (a text without escapes) or
// w.dec's buffer (one with escapes), made a string with unsafe.String. That
// is safe because both stay unchanged for as long as the text is used: the
// chunk's input until the writer has written the chunk and given it back,
// the buffer until the next decodeLine; and the text is only used until the
// line's report is appended: tweet.Parse keeps nothing of its argument once
// it returns but Result.Text, which [batchWorker.line] drops.
func (w *batchWorker) decodeLine(line []byte, first bool) (text string, ok bool, err error) {
	if len(line) > w.maxLine {
		return "", false, lineTooLongError(w.maxLine)
	}
	if line = trimRecord(line, first); isBlank(line) {
		return "", false, nil
	}
	// The fast decoder validates UTF-8 as it scans, so a line it takes
	// needs no separate pass; for the others, a UTF-8 error comes first, as
	// in checkRecord.
	if w.dec.fast(line) {
		if !w.dec.hasText {
			return "", false, errNoText
		}
	} else {
		if off := invalidUTF8(line); off >= 0 {
			return "", false, utf8LineError(line, off)
		}
		if err := w.dec.slow(line); err != nil {
			return "", false, err
		}
	}
	if len(w.dec.text) > 0 {
		text = unsafe.String(unsafe.SliceData(w.dec.text), len(w.dec.text))
	}
	return text, true, nil
}

// trimRecord strips what is not part of a JSON Lines record: the line
// ending (LF, CR LF) and, on the first line, a UTF-8 byte order mark.
func trimRecord(line []byte, first bool) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if first {
		line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	}
	return line
}

// isBlank reports whether line holds only spaces, tabs and CRs.
func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

func lineTooLongError(maxLine int) error {
	return fmt.Errorf("line longer than %s; a JSON Lines record must be one line", sizeString(maxLine))
}

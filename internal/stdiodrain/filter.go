package stdiodrain

import (
	"bytes"
	"io"
)

// maxFilteredLine bounds the line answerFilter holds to look at; a longer
// line (far beyond any MCP request) passes through unexamined.
const maxFilteredLine = 4 << 20

// answerFilter is stdin as the transport reads it, minus the requests it
// answers itself: for each complete line, answer(line) may return a reply,
// which is written to w (stdout, through the Writer) in place of handing the
// line on. stdio uses it for tools.PromptParamsError, the prompt arguments
// mcp-go would answer with the wrong JSON-RPC code.
type answerFilter struct {
	r      io.Reader
	w      io.Writer
	answer func(line []byte) []byte

	ready   []byte // lines handed on, not yet read
	partial []byte // the line being read
	skip    bool   // the current line is too long: pass it through unexamined
	chunk   []byte
	err     error
}

// NewAnswerFilter returns r without the lines answer replies to; the
// replies go to w, each on a line of its own.
func NewAnswerFilter(r io.Reader, w io.Writer, answer func([]byte) []byte) io.Reader {
	return &answerFilter{r: r, w: w, answer: answer, chunk: make([]byte, 32<<10)}
}

func (f *answerFilter) Read(p []byte) (int, error) {
	for len(f.ready) == 0 {
		if f.err != nil {
			return 0, f.err
		}
		n, err := f.r.Read(f.chunk)
		f.feed(f.chunk[:n])
		if err != nil {
			f.ready = append(f.ready, f.partial...) // a last line without its newline
			f.partial = nil
			f.err = err
		}
	}
	n := copy(p, f.ready)
	f.ready = f.ready[n:]
	if len(f.ready) == 0 {
		f.ready = nil // let the buffer go
	}
	return n, nil
}

func (f *answerFilter) feed(b []byte) {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if f.skip {
				f.ready = append(f.ready, b...)
			} else if f.partial = append(f.partial, b...); len(f.partial) > maxFilteredLine {
				f.ready, f.partial, f.skip = append(f.ready, f.partial...), nil, true
			}
			return
		}
		line := b[:i+1]
		b = b[i+1:]
		if f.skip {
			f.ready, f.skip = append(f.ready, line...), false
			continue
		}
		if len(f.partial) > 0 {
			line = append(f.partial, line...)
			f.partial = nil
		}
		if reply := f.answer(bytes.TrimSpace(line)); reply != nil {
			_, _ = f.w.Write(append(reply, '\n'))
			continue
		}
		f.ready = append(f.ready, line...)
	}
}

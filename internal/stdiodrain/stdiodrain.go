// Package stdiodrain keeps a stdio MCP server answering requests that arrive
// just before stdin closes. mcp-go's stdio transport cancels every handler and
// stops its workers the moment it reads EOF, so a client that writes a request
// and closes stdin at once (a script, `echo … | facesign-mcp stdio`) would lose
// the answer: Reader holds EOF back until Writer has carried every answer out.
package stdiodrain

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
	"sync"
	"time"
)

// DefaultTimeout bounds how long stdio waits, once stdin is closed, for
// the answers to requests still being handled.
const DefaultTimeout = 30 * time.Second

// Inflight counts the JSON-RPC requests read from stdin that have not been
// answered on stdout. mcp-go's stdio transport cancels every handler and stops
// its workers the moment it reads EOF, so a client that writes a request and
// closes stdin at once (a script, `echo … | facesign-mcp stdio`) would lose
// the answer; Reader holds EOF back until the answers are out.
type Inflight struct {
	mu      sync.Mutex
	pending map[string]bool
	changed chan struct{} // closed and replaced whenever pending shrinks
}

func NewInflight() *Inflight {
	return &Inflight{pending: map[string]bool{}, changed: make(chan struct{})}
}

func (f *Inflight) add(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pending[id] = true
}

func (f *Inflight) done(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pending[id] {
		delete(f.pending, id)
		close(f.changed)
		f.changed = make(chan struct{})
	}
}

// wait returns the number of requests still unanswered when all were
// answered (0), ctx ended or timeout passed.
func (f *Inflight) wait(ctx context.Context, timeout time.Duration) int {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		f.mu.Lock()
		n, ch := len(f.pending), f.changed
		f.mu.Unlock()
		if n == 0 {
			return 0
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return n
		case <-t.C:
			return n
		}
	}
}

// rpcLine is what Inflight needs of a JSON-RPC message.
type rpcLine struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
	Params struct {
		RequestID json.RawMessage `json:"requestId"`
	} `json:"params"`
}

// idKey is a canonical form of a JSON-RPC id (a string or a number), so that
// 7 and 7.0 match; "" for none.
func idKey(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return "s:" + s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		if i, err := n.Int64(); err == nil {
			return "n:" + strconv.FormatInt(i, 10)
		}
		if f, err := n.Float64(); err == nil {
			return "n:" + strconv.FormatFloat(f, 'g', -1, 64)
		}
	}
	return "r:" + string(raw)
}

// lineSplitter hands complete lines of a byte stream to fn.
type lineSplitter struct {
	partial []byte
	fn      func(line []byte)
}

func (l *lineSplitter) write(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			// A line longer than any MCP message is dropped from tracking,
			// not buffered without bound; the transport still gets it.
			if len(l.partial)+len(p) <= 16<<20 {
				l.partial = append(l.partial, p...)
			} else {
				l.partial = l.partial[:0]
			}
			return
		}
		line := p[:i]
		if len(l.partial) > 0 {
			line = append(l.partial, line...)
		}
		l.fn(line)
		l.partial = l.partial[:0]
		p = p[i+1:]
	}
}

// Reader is stdin as the transport reads it: it notes each request's
// id, and when stdin ends it returns EOF only once every noted request has
// been answered (or ctx ends, or the timeout passes).
type Reader struct {
	ctx     context.Context
	r       io.Reader
	track   *Inflight
	lines   lineSplitter
	timeout time.Duration
	onLeft  func(unanswered int) // called when the wait gave up
}

func NewReader(ctx context.Context, r io.Reader, track *Inflight, timeout time.Duration, onLeft func(int)) *Reader {
	d := &Reader{ctx: ctx, r: r, track: track, timeout: timeout, onLeft: onLeft}
	d.lines.fn = func(line []byte) {
		var m rpcLine
		if json.Unmarshal(line, &m) != nil {
			return
		}
		switch {
		case m.Method == "notifications/cancelled":
			// A cancelled request gets no answer (MCP), so stop waiting for it.
			if id := idKey(m.Params.RequestID); id != "" {
				track.done(id)
			}
		case m.Method != "":
			if id := idKey(m.ID); id != "" {
				track.add(id)
			}
		}
	}
	return d
}

func (d *Reader) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	d.lines.write(p[:n])
	if err == io.EOF {
		if left := d.track.wait(d.ctx, d.timeout); left > 0 && d.onLeft != nil {
			d.onLeft(left)
		}
	}
	return n, err
}

// Writer is stdout as the transport writes it: every response it
// carries (an id with a result or an error, no method) marks that request
// answered. It is safe for concurrent use.
type Writer struct {
	w     io.Writer
	mu    sync.Mutex
	lines lineSplitter
}

func NewWriter(w io.Writer, track *Inflight) *Writer {
	a := &Writer{w: w}
	a.lines.fn = func(line []byte) {
		var m rpcLine
		if json.Unmarshal(line, &m) != nil || m.Method != "" || (m.Result == nil && m.Error == nil) {
			return
		}
		if id := idKey(m.ID); id != "" {
			track.done(id)
		}
	}
	return a
}

func (a *Writer) Write(p []byte) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	n, err := a.w.Write(p)
	a.lines.write(p[:n])
	return n, err
}

package tools

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// A tool that needs something from the client mid-call (roots/list) sends the
// request on the SSE stream of the POST that carries the call, as Streamable
// HTTP recommends for requests related to a client's request. mcp-go v1.2.1
// does that for elicitation only: it sends roots/list on the standalone GET
// stream alone, which mcp-go's own client does not open unless told to, and
// queues it unanswered when no GET stream is open. So the /mcp handler does it
// itself: postStream writes the request into the POST's response between
// mcp-go's events, and the client's answer, a POST of a JSON-RPC response
// whose id only this server hands out, is taken off before mcp-go sees it.

// askIDPrefix starts the id of every request this server sends this way.
const askIDPrefix = "fsmcp-ask-"

// errStreamDone: the POST's response has been written; nothing can be sent.
var errStreamDone = errors.New("the call's response stream has ended")

// askReply is the client's answer to one request.
type askReply struct {
	result json.RawMessage
	err    *mcp.JSONRPCErrorDetails
}

// pendingAsks are the requests awaiting their answer, by id. An answer counts
// only from the session the request went to.
type pendingAsks struct {
	mu      sync.Mutex
	pending map[string]pendingAsk
}

type pendingAsk struct {
	session string
	reply   chan askReply
}

func (p *pendingAsks) add(id, session string) chan askReply {
	ch := make(chan askReply, 1)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pending == nil {
		p.pending = map[string]pendingAsk{}
	}
	p.pending[id] = pendingAsk{session: session, reply: ch}
	return ch
}

func (p *pendingAsks) remove(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.pending, id)
}

// answer delivers a POSTed JSON-RPC response to the request it answers; it
// reports false when body is no answer to a pending request of session.
func (p *pendingAsks) answer(session string, body []byte) bool {
	if !bytes.Contains(body, []byte(askIDPrefix)) {
		return false // the cheap test first: every other POST
	}
	var msg struct {
		ID     any                      `json:"id"`
		Method string                   `json:"method"`
		Result json.RawMessage          `json:"result"`
		Error  *mcp.JSONRPCErrorDetails `json:"error"`
	}
	if json.Unmarshal(body, &msg) != nil || msg.Method != "" {
		return false
	}
	id, ok := msg.ID.(string)
	if !ok || !strings.HasPrefix(id, askIDPrefix) {
		return false
	}
	p.mu.Lock()
	a, ok := p.pending[id]
	if ok && a.session == session {
		delete(p.pending, id)
	}
	p.mu.Unlock()
	if !ok || a.session != session {
		return false
	}
	a.reply <- askReply{result: msg.Result, err: msg.Error}
	return true
}

// postStream is the response writer of one POST to /mcp that can stream. It
// serializes writes, and keeps a request sent by ask from landing inside one
// of mcp-go's events (mcp-go writes an event's id line and its data with two
// writes).
//
// mcp-go sets headers from more than one goroutine (its notification
// forwarder starts the stream under its own lock, not ours), so it gets a
// header map of its own, copied onto w's under mu when the response starts:
// w's map is only ever touched under mu, and send can start the stream while
// mcp-go's forwarder is setting headers (a concurrent map write is fatal).
type postStream struct {
	w       http.ResponseWriter
	flusher http.Flusher
	session string
	asks    *pendingAsks
	header  http.Header // mcp-go's headers

	mu          sync.Mutex
	between     *sync.Cond // signalled when an event ends
	wroteHeader bool
	tail        []byte // the last two bytes written
	done        bool
}

func newPostStream(w http.ResponseWriter, session string, asks *pendingAsks) *postStream {
	f, ok := w.(http.Flusher)
	if !ok {
		return nil
	}
	ps := &postStream{w: w, flusher: f, session: session, asks: asks, header: http.Header{}}
	ps.between = sync.NewCond(&ps.mu)
	return ps
}

// Header is mcp-go's header map, not w's (see postStream).
func (ps *postStream) Header() http.Header { return ps.header }

// WriteHeader passes the first status on, with mcp-go's headers; once ask has
// started the stream, mcp-go's own start of it is a no-op.
func (ps *postStream) WriteHeader(status int) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.writeHeaderLocked(status)
}

// writeHeaderLocked starts the response with mcp-go's headers; ps.mu held.
func (ps *postStream) writeHeaderLocked(status int) {
	if ps.wroteHeader {
		return
	}
	ps.wroteHeader = true
	h := ps.w.Header()
	for k, v := range ps.header {
		h[k] = v
	}
	ps.w.WriteHeader(status)
}

func (ps *postStream) Write(p []byte) (int, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.writeHeaderLocked(http.StatusOK)
	n, err := ps.w.Write(p)
	if err != nil {
		// The connection is gone, perhaps in the middle of an event that
		// mcp-go will not finish: nothing more can be sent.
		ps.done = true
		ps.between.Broadcast()
	}
	// Only the last two bytes matter: copying all of p would copy every
	// answer (6 KB for get_session) to find its end.
	ps.tail = append(ps.tail, p[max(0, n-2):n]...)
	if len(ps.tail) > 2 {
		ps.tail = append(ps.tail[:0], ps.tail[len(ps.tail)-2:]...)
	}
	if ps.atBoundary() {
		ps.between.Broadcast()
	}
	return n, err
}

// Flush starts the response first, as net/http's does, with mcp-go's headers.
func (ps *postStream) Flush() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.writeHeaderLocked(http.StatusOK)
	ps.flusher.Flush()
}

// Unwrap lets http.ResponseController (mcp-go's write deadlines) reach the
// connection's writer.
func (ps *postStream) Unwrap() http.ResponseWriter { return ps.w }

// atBoundary: nothing written yet, or the last event is complete; ps.mu held.
func (ps *postStream) atBoundary() bool {
	return len(ps.tail) == 0 || bytes.Equal(ps.tail, []byte("\n\n"))
}

// end marks the response finished (the handler has returned).
func (ps *postStream) end() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.done = true
	ps.between.Broadcast()
}

// ask sends the client the request method (without params) on this POST's
// stream and waits for its answer until ctx ends. The call's session is told
// to answer in SSE too, so that mcp-go ends the stream with its response.
func (ps *postStream) ask(ctx context.Context, method string) (json.RawMessage, error) {
	if s, ok := server.ClientSessionFromContext(ctx).(server.SessionWithStreamableHTTPConfig); ok {
		s.UpgradeToSSEWhenReceiveNotification()
	} else {
		return nil, errors.New("the session cannot answer in SSE")
	}
	id := askIDPrefix + rand.Text()
	reply := ps.asks.add(id, ps.session)
	defer ps.asks.remove(id)
	msg, err := json.Marshal(mcp.JSONRPCRequest{JSONRPC: mcp.JSONRPC_VERSION, ID: mcp.NewRequestId(id), Request: mcp.Request{Method: method}})
	if err != nil {
		return nil, err
	}
	if err := ps.send(msg); err != nil {
		return nil, err
	}
	select {
	case r := <-reply:
		if r.err != nil {
			return nil, fmt.Errorf("the client answered %s with error %d: %s", method, r.err.Code, r.err.Message)
		}
		return r.result, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// send writes msg as one SSE event, starting the stream if mcp-go has not.
func (ps *postStream) send(msg []byte) error {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for !ps.done && !ps.atBoundary() {
		ps.between.Wait()
	}
	if ps.done {
		return errStreamDone
	}
	if !ps.wroteHeader {
		// Not writeHeaderLocked: mcp-go may be filling its header map right
		// now under its own lock, and its headers are for the answer it has
		// not started; the stream needs only these.
		h := ps.w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-cache")
		ps.w.WriteHeader(http.StatusOK)
		ps.wroteHeader = true
	}
	if _, err := fmt.Fprintf(ps.w, "event: message\ndata: %s\n\n", msg); err != nil {
		ps.done = true
		return err
	}
	ps.tail = append(ps.tail[:0], '\n', '\n')
	ps.flusher.Flush()
	return nil
}

// maxPeerError bounds how much of an error a client answered with reaches a
// log line.
const maxPeerError = 200

// peerError is err's text cut to maxPeerError bytes (on a character
// boundary): the text is the client's to choose, and one answer of up to the
// 4 MiB body limit would otherwise become one log line.
func peerError(err error) string {
	s := err.Error()
	if len(s) <= maxPeerError {
		return s
	}
	cut := maxPeerError
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

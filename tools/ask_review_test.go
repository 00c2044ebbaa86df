package tools

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mcp-go's forwarder starts a POST's stream itself when a notification for
// the session arrives: it sets three headers and calls WriteHeader, under its
// own lock, not postStream's. A request sent at the same moment must not touch
// the same header map (a concurrent map write is a fatal error that ends the
// whole server, every session with it).
func TestPostStreamSendDoesNotRaceMcpGoStartingTheStream(t *testing.T) {
	for range 50 {
		rec := httptest.NewRecorder()
		ps := newPostStream(rec, "s1", &pendingAsks{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { // what mcp-go's forwarder does for a notification
			defer wg.Done()
			ps.Header().Set("Content-Type", "text/event-stream")
			ps.Header().Set("Connection", "keep-alive")
			ps.Header().Set("Cache-Control", "no-cache")
			ps.WriteHeader(http.StatusOK)
			fmt.Fprint(ps, "event: message\ndata: {\"n\":1}\n\n")
		}()
		go func() {
			defer wg.Done()
			assert.NoError(t, ps.send([]byte(`{"ask":1}`)))
		}()
		wg.Wait()
		ps.end()
		assert.Equal(t, "text/event-stream", rec.Header().Get("Content-Type"))
		assert.Equal(t, http.StatusOK, rec.Code)
	}
}

// The same through the whole stack: a session that reports progress from one
// call while export_app asks for its roots on another. mcp-go hands a
// session's notifications to whichever of its POSTs takes them first, so the
// export's POST may start its stream for the other call's notification just as
// the roots request starts it.
func TestExportAppRootsWhileTheSessionIsNotified(t *testing.T) {
	chatty := server.ServerTool{
		Tool: mcp.NewTool("chatty", mcp.WithDescription("sends notifications until told to stop")),
		Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			srv := server.ServerFromContext(ctx)
			deadline := time.Now().Add(2 * time.Second)
			for i := 0; time.Now().Before(deadline); i++ {
				_ = srv.SendNotificationToClient(ctx, "notifications/message", map[string]any{"level": "info", "data": i})
				time.Sleep(100 * time.Microsecond)
			}
			return mcp.NewToolResultText("done"), nil
		},
	}
	st := NewMCPStack(t, StackOptions{Deps: &Deps{}, HTTP: HTTPOptions{Heartbeat: -1}, Tools: []server.ServerTool{chatty}})
	root := t.TempDir()
	c := st.Dial(t, DialClientOptions(client.WithRootsHandler(rootsFrom(root))))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		CallTool(t, c, "chatty", map[string]any{})
	}()
	for i := range 10 {
		res := CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": fmt.Sprintf("app-%d", i)})
		require.False(t, res.IsError, ResultText(res))
		assert.FileExists(t, filepath.Join(root, fmt.Sprintf("app-%d", i), "flow.json"))
	}
	wg.Wait()
}

// failingWriter is a connection that broke after limit bytes: every write
// past them fails, the first one part-way.
type failingWriter struct {
	*httptest.ResponseRecorder
	limit int
}

func (w *failingWriter) Write(p []byte) (int, error) {
	room := w.limit - w.Body.Len()
	if room <= 0 {
		return 0, errors.New("write: broken pipe")
	}
	if len(p) > room {
		n, _ := w.ResponseRecorder.Write(p[:room])
		return n, errors.New("write: broken pipe")
	}
	return w.ResponseRecorder.Write(p)
}

// When the connection breaks in the middle of one of mcp-go's events (its id
// line written, its data not), mcp-go stops writing to the POST. A request
// sent afterwards must give up, at the latest when its context ends, instead
// of waiting for the end of an event that never comes: that wait would hold
// the tool call, its POST handler and http.Server.Shutdown forever.
func TestPostStreamAskAfterAnEventWasCutShort(t *testing.T) {
	for _, tc := range []struct {
		name  string
		limit int
	}{
		{"the data not written", len("id: 7\n")},
		{"the data written in part", len("id: 7\nevent: mess")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := newPostStream(&failingWriter{ResponseRecorder: httptest.NewRecorder(), limit: tc.limit}, "s1", &pendingAsks{})
			ps.WriteHeader(http.StatusOK)
			_, _ = fmt.Fprint(ps, "id: 7\n")                                     // mcp-go's writeSSEEventRaw: the id line,
			_, _ = fmt.Fprint(ps, "event: message\ndata: {\"elicit\":true}\n\n") // then the rest
			ctx, cancel := context.WithTimeout(server.NewMCPServer("t", "1").WithContext(context.Background(), &sseSession{}), 100*time.Millisecond)
			defer cancel()
			done := make(chan error, 1)
			go func() {
				_, err := ps.ask(ctx, "roots/list")
				done <- err
			}()
			select {
			case err := <-done:
				assert.Error(t, err)
			case <-time.After(5 * time.Second):
				ps.end() // let the goroutine go
				t.Fatal("ask still waits for the end of an event that was cut short, past its context")
			}
		})
	}
}

// lineThenBroken is a connection that breaks after the first line of the
// response: mcp-go's first event gets its id line out and no more.
type lineThenBroken struct {
	header http.Header
	mu     sync.Mutex
	body   strings.Builder
}

func (w *lineThenBroken) Header() http.Header { return w.header }
func (w *lineThenBroken) WriteHeader(int)     {}
func (w *lineThenBroken) Flush()              {}

func (w *lineThenBroken) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if strings.Contains(w.body.String(), "\n") {
		return 0, errors.New("write: connection reset by peer")
	}
	return w.body.Write(p)
}

// Through the whole handler: a call that logs to the client (mcp-go sends
// the notification on the call's stream, as an id line and then the rest) and
// then asks for the roots, on a connection that breaks between the two lines.
// The call must still end, the roots unasked, instead of waiting forever for
// the end of an event mcp-go will never finish (holding its POST handler, and
// http.Server.Shutdown with it).
func TestRootsAskEndsWhenTheConnectionBrokeInAnEvent(t *testing.T) {
	d := &Deps{}
	gotRoots := make(chan []string, 1)
	logThenRoots := server.ServerTool{
		Tool: mcp.NewTool("log_then_roots", mcp.WithDescription("logs, then asks for the roots")),
		Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			LogToClient(ctx, mcp.LoggingLevelError, "about to ask for the roots")
			time.Sleep(200 * time.Millisecond) // the forwarder writes the notification
			roots, _, _ := d.clientRoots(ctx, req)
			gotRoots <- roots
			return mcp.NewToolResultText("done"), nil
		},
	}
	st := NewMCPStack(t, StackOptions{Deps: d, HTTP: HTTPOptions{Heartbeat: -1}, Tools: []server.ServerTool{logThenRoots}})
	c := st.Dial(t, DialClientOptions(client.WithProtocolVersion(mcp.LATEST_LEGACY_PROTOCOL_VERSION), client.WithRootsHandler(rootsFrom(t.TempDir()))))
	body := `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"log_then_roots","arguments":{}}}`
	req := httptest.NewRequest(http.MethodPost, st.URL, strings.NewReader(body))
	req.Host = "127.0.0.1"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	req.Header.Set(server.HeaderKeySessionID, c.GetSessionId())
	req.Header.Set(mcp.HeaderProtocolVersion, mcp.LATEST_LEGACY_PROTOCOL_VERSION)
	w := &lineThenBroken{header: http.Header{}}
	served := make(chan struct{})
	go func() {
		defer close(served)
		st.Handler.ServeHTTP(w, req)
	}()
	select {
	case roots := <-gotRoots:
		assert.Empty(t, roots, "the request could not be sent")
	case <-time.After(15 * time.Second):
		t.Fatal("the roots request still waits for the end of an event the broken connection will never finish")
	}
	<-served
}

// handSession is a session driven by hand over loopback HTTP, at 2025-11-25,
// declaring roots.
type handSession struct {
	t   *testing.T
	url string
	id  string
}

func newHandSession(t *testing.T, url string) *handSession {
	s := &handSession{t: t, url: url}
	res := s.post(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{}},"clientInfo":{"name":"raw","version":"1"}}}`)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	s.id = res.Header.Get(server.HeaderKeySessionID)
	require.NotEmpty(t, s.id)
	res = s.post(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	res.Body.Close()
	return s
}

func (s *handSession) post(body string) *http.Response {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.url, strings.NewReader(body))
	require.NoError(s.t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	req.Header.Set(mcp.HeaderProtocolVersion, "2025-11-25")
	if s.id != "" {
		req.Header.Set(server.HeaderKeySessionID, s.id)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	return res
}

// answer posts body and returns the status and body of the reply.
func (s *handSession) answer(body string) (int, string) {
	s.t.Helper()
	res := s.post(body)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// Answers to a roots request only count from the session it went to, while
// the call waits; every other answer gets an HTTP error, not 202 (the MCP
// spec: 202 only for an accepted response), and leaves the call waiting for
// the right one.
func TestRootsAnswersFromTheWrongPlace(t *testing.T) {
	st := exportStack(t, &Deps{})
	victim := newHandSession(t, st.URL)
	other := newHandSession(t, st.URL)
	root := t.TempDir()

	res := victim.post(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"export_app","arguments":{"description":"` + exportDescription + `","outputDir":"app"}}}`)
	defer res.Body.Close()
	require.Equal(t, "text/event-stream", res.Header.Get("Content-Type"))
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(nil, 1<<20)
	var ask struct {
		ID     string `json:"id"`
		Method string `json:"method"`
	}
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			require.NoError(t, json.Unmarshal([]byte(data), &ask))
			break
		}
	}
	require.Equal(t, "roots/list", ask.Method)
	require.True(t, strings.HasPrefix(ask.ID, askIDPrefix))
	good := `{"jsonrpc":"2.0","id":"` + ask.ID + `","result":{"roots":[{"uri":"file://` + root + `"}]}}`
	evil := `{"jsonrpc":"2.0","id":"` + ask.ID + `","result":{"roots":[{"uri":"file://` + t.TempDir() + `"}]}}`

	for name, try := range map[string]func() (int, string){
		"another session, the right id": func() (int, string) { return other.answer(evil) },
		"no session":                    func() (int, string) { return (&handSession{t: t, url: st.URL}).answer(evil) },
		"a guessed id": func() (int, string) {
			return victim.answer(strings.Replace(evil, ask.ID, askIDPrefix+"AAAAAAAAAAAAAAAAAAAAAAAAAA", 1))
		},
		"a numeric id": func() (int, string) { return victim.answer(`{"jsonrpc":"2.0","id":12345,"result":{"roots":[]}}`) },
		"not JSON":     func() (int, string) { return victim.answer(`{"jsonrpc":"2.0","id":"` + ask.ID + `",`) },
	} {
		code, body := try()
		assert.GreaterOrEqual(t, code, 400, "%s: %d %s", name, code, body)
		assert.Less(t, code, 500, "%s: %d %s", name, code, body)
	}

	code, _ := victim.answer(good)
	assert.Equal(t, http.StatusAccepted, code)
	var final string
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			final = data
		}
	}
	assert.Contains(t, final, filepath.Join(root, "app"), "the export went under the victim's own root")
	code, body := victim.answer(good)
	assert.Equal(t, http.StatusBadRequest, code, "an answer after the call ended: %s", body)
}

// readAsk reads a POST's stream up to the roots request and returns its id.
func readAsk(t *testing.T, sc *bufio.Scanner) string {
	t.Helper()
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			var ask struct {
				ID     string `json:"id"`
				Method string `json:"method"`
			}
			require.NoError(t, json.Unmarshal([]byte(data), &ask))
			require.Equal(t, "roots/list", ask.Method)
			return ask.ID
		}
	}
	t.Fatal("no roots request on the stream")
	return ""
}

func pendingCount(h *MCPHandler) int {
	h.asks.mu.Lock()
	defer h.asks.mu.Unlock()
	return len(h.asks.pending)
}

// Many sessions asked at once whose clients go away, or never answer: every
// pending request is forgotten, the ones of clients that left as soon as they
// left (not at the roots timeout), and each call ends.
func TestRootsAsksOfClientsThatNeverAnswer(t *testing.T) {
	st := exportStack(t, &Deps{})
	const n = 16
	var wg sync.WaitGroup
	gone := make(chan struct{})
	var left sync.WaitGroup
	left.Add(n / 2)
	type call struct {
		res *http.Response
		sc  *bufio.Scanner
	}
	calls := make([]call, n)
	for i := range calls {
		s := newHandSession(t, st.URL)
		res := s.post(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"export_app","arguments":{"description":"` + exportDescription + `","outputDir":"app"}}}`)
		calls[i] = call{res, bufio.NewScanner(res.Body)}
		readAsk(t, calls[i].sc)
	}
	require.Equal(t, n, pendingCount(st.Handler))
	for i, c := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.res.Body.Close()
			if i%2 == 0 { // goes away
				c.res.Body.Close()
				left.Done()
				return
			}
			<-gone
			for c.sc.Scan() { // stays, never answers: the call ends without the roots
			}
		}()
	}
	left.Wait()
	assert.Eventually(t, func() bool { return pendingCount(st.Handler) == n/2 }, rootsTimeout/2, 5*time.Millisecond, "the requests of clients that left are forgotten")
	close(gone)
	wg.Wait()
	assert.Zero(t, pendingCount(st.Handler))
}

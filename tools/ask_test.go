package tools

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pendingAsks.answer takes only a response to a pending request, from the
// session it was sent to; everything else is left to mcp-go.
func TestPendingAsksAnswer(t *testing.T) {
	var p pendingAsks
	id := askIDPrefix + "ABC"
	reply := p.add(id, "s1")
	tests := []struct {
		name    string
		session string
		body    string
		want    bool
	}{
		{"another session", "s2", `{"jsonrpc":"2.0","id":"` + id + `","result":{}}`, false},
		{"an id of mcp-go's", "s1", `{"jsonrpc":"2.0","id":7,"result":{}}`, false},
		{"an unknown id of ours", "s1", `{"jsonrpc":"2.0","id":"` + askIDPrefix + `XYZ","result":{}}`, false},
		{"a request naming our prefix", "s1", `{"jsonrpc":"2.0","id":"` + id + `","method":"ping"}`, false},
		{"not JSON", "s1", `{"id":"` + id, false},
		{"the answer", "s1", `{"jsonrpc":"2.0","id":"` + id + `","result":{"roots":[]}}`, true},
		{"the answer again", "s1", `{"jsonrpc":"2.0","id":"` + id + `","result":{"roots":[]}}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, p.answer(tc.session, []byte(tc.body)))
		})
	}
	got := <-reply
	assert.JSONEq(t, `{"roots":[]}`, string(got.result))
	assert.Nil(t, got.err)
}

// A request sent on a POST's stream never lands inside one of mcp-go's
// events, which it writes as an id line and a data part: every event of the
// stream is whole.
func TestPostStreamKeepsEventsWhole(t *testing.T) {
	rec := httptest.NewRecorder()
	ps := newPostStream(rec, "s1", &pendingAsks{})
	require.NotNil(t, ps)
	const writers, events = 4, 50
	var wg sync.WaitGroup
	var serialize sync.Mutex // mcp-go holds its own lock across an event's two writes
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range events {
				serialize.Lock()
				fmt.Fprintf(ps, "id: %d-%d\n", w, i)
				fmt.Fprintf(ps, "event: message\ndata: {\"n\":\"%d-%d\"}\n\n", w, i)
				serialize.Unlock()
			}
		}()
	}
	for i := range events {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, ps.send([]byte(fmt.Sprintf(`{"ask":%d}`, i))))
		}()
	}
	wg.Wait()
	ps.end()
	assert.ErrorIs(t, ps.send([]byte(`{}`)), errStreamDone, "nothing is sent after the response")

	n := 0
	for _, ev := range strings.Split(strings.TrimSuffix(rec.Body.String(), "\n\n"), "\n\n") {
		var data string
		sc := bufio.NewScanner(strings.NewReader(ev))
		for sc.Scan() {
			field, value, ok := strings.Cut(sc.Text(), ": ")
			require.True(t, ok, "line %q of event %q", sc.Text(), ev)
			require.Contains(t, []string{"id", "event", "data"}, field, "event %q", ev)
			if field == "data" {
				require.Empty(t, data, "two data lines in event %q", ev)
				data = value
			}
		}
		require.True(t, json.Valid([]byte(data)), "event %q", ev)
		n++
	}
	assert.Equal(t, writers*events+events, n)
}

// A request sent while mcp-go is between the two writes of an event waits
// for the event to end.
func TestPostStreamWaitsForTheEventsEnd(t *testing.T) {
	rec := httptest.NewRecorder()
	ps := newPostStream(rec, "s1", &pendingAsks{})
	fmt.Fprint(ps, "id: 1\n")
	sent := make(chan error, 1)
	go func() { sent <- ps.send([]byte(`{"ask":1}`)) }()
	time.Sleep(20 * time.Millisecond) // time enough for a send that does not wait to write
	fmt.Fprint(ps, "event: message\ndata: {\"n\":1}\n\n")
	require.NoError(t, <-sent)
	assert.Equal(t, "id: 1\nevent: message\ndata: {\"n\":1}\n\nevent: message\ndata: {\"ask\":1}\n\n", rec.Body.String())
}

// sseSession is a session that can be told to answer in SSE.
type sseSession struct{ upgraded bool }

func (*sseSession) SessionID() string                                   { return "s1" }
func (*sseSession) NotificationChannel() chan<- mcp.JSONRPCNotification { return nil }
func (*sseSession) Initialize()                                         {}
func (*sseSession) Initialized() bool                                   { return true }
func (s *sseSession) UpgradeToSSEWhenReceiveNotification()              { s.upgraded = true }

// ask starts the stream itself when mcp-go has not, sends the request, and
// returns the client's answer; a client that never answers holds it only
// until its context ends.
func TestPostStreamAsk(t *testing.T) {
	asks := &pendingAsks{}
	rec := httptest.NewRecorder()
	ps := newPostStream(rec, "s1", asks)
	sess := &sseSession{}
	ctx := server.NewMCPServer("t", "1").WithContext(context.Background(), sess)

	type answer struct {
		raw json.RawMessage
		err error
	}
	got := make(chan answer, 1)
	go func() {
		raw, err := ps.ask(ctx, "roots/list")
		got <- answer{raw, err}
	}()
	var id string
	require.Eventually(t, func() bool {
		asks.mu.Lock()
		defer asks.mu.Unlock()
		for k := range asks.pending {
			id = k
		}
		return id != ""
	}, 10*time.Second, time.Millisecond)
	require.True(t, asks.answer("s1", []byte(`{"jsonrpc":"2.0","id":"`+id+`","result":{"roots":[{"uri":"file:///w"}]}}`)))
	a := <-got
	require.NoError(t, a.err)
	assert.JSONEq(t, `{"roots":[{"uri":"file:///w"}]}`, string(a.raw))
	assert.True(t, sess.upgraded, "mcp-go is told to end the stream in SSE")
	assert.Equal(t, "text/event-stream", rec.Header().Get("Content-Type"))
	assert.Equal(t, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\""+id+"\",\"method\":\"roots/list\"}\n\n", rec.Body.String())

	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	_, err := ps.ask(short, "roots/list")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, asks.pending, "an unanswered request is forgotten")
}

package tools

import (
	"context"
	"sync"
	"time"
)

// streamGrace is how long after a session starts a server request waits for
// the client's GET stream: clients open it right after initialize, without
// waiting for it, so a tool call made at once can arrive first.
const streamGrace = 2 * time.Second

// getStreams tracks a session's open GET streams (Streamable HTTP). mcp-go
// v1.2.1 sends roots/list only on that stream (unlike elicitation, it does
// not use the POST's own SSE response), and queues it, never to be answered,
// when none is open; so a tool asks only when one is, and a client without
// one is told at once why instead of after a timeout.
type getStreams struct {
	mu   sync.Mutex
	open int
	// up is closed while at least one stream is open; nil until the first.
	up chan struct{}
}

// opened records a GET stream of the session until the returned func is
// called (once, when the stream ends).
func (g *getStreams) opened() (closed func()) {
	g.mu.Lock()
	g.open++
	if g.open == 1 {
		if g.up == nil {
			g.up = make(chan struct{})
		}
		close(g.up)
	}
	g.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			g.open--
			if g.open == 0 {
				g.up = make(chan struct{})
			}
			g.mu.Unlock()
		})
	}
}

// await reports whether a GET stream is open, waiting up to wait for one.
func (g *getStreams) await(ctx context.Context, wait time.Duration) bool {
	g.mu.Lock()
	if g.open > 0 {
		g.mu.Unlock()
		return true
	}
	if g.up == nil {
		g.up = make(chan struct{})
	}
	up := g.up
	g.mu.Unlock()
	if wait <= 0 {
		return false
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-up:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

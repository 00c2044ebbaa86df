package tools

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Progress sends notifications/progress for one tool call. It sends nothing
// when the client did not ask for progress (no progressToken in the request's
// _meta), so handlers can report unconditionally. Use it for anything that
// may take more than a second (network calls, simulations).
type Progress struct {
	ctx   context.Context
	srv   *server.MCPServer
	token mcp.ProgressToken
	total float64

	mu   sync.Mutex
	last float64
}

// NewProgress starts progress reporting for req; total is the value Report
// reaches when the work is done (0 when unknown).
func NewProgress(ctx context.Context, req mcp.CallToolRequest, total float64) *Progress {
	p := &Progress{ctx: ctx, srv: server.ServerFromContext(ctx), total: total}
	if req.Params.Meta != nil {
		p.token = req.Params.Meta.ProgressToken
	}
	return p
}

// Enabled reports whether the client asked for progress.
func (p *Progress) Enabled() bool { return p != nil && p.token != nil && p.srv != nil }

// Report sends progress (which must grow: the protocol requires it, so a
// value not above the last one is dropped) with a short human message.
func (p *Progress) Report(progress float64, message string) {
	if !p.Enabled() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if progress <= p.last {
		return
	}
	p.last = progress
	params := map[string]any{"progressToken": p.token, "progress": progress}
	if p.total > 0 {
		params["total"] = p.total
	}
	if message != "" {
		params["message"] = message
	}
	// A client that went away cannot be told; the tool result still is.
	_ = p.srv.SendNotificationToClient(p.ctx, string(mcp.MethodNotificationProgress), params)
}

// ReportAfter sends Report(progress, message) only if the work is still going
// after delay, and returns the function that ends the wait; it returns true
// when the report was sent (then the caller should report completion too).
// A call that finishes quickly so sends no notification at all: over HTTP a
// notification turns the answer into an event stream (flushed events, stored
// for resumption, parsed line by line by the client), which costs a fast
// get_session about a quarter of its time for nothing the user could see.
// A report that has started is complete before the stop function returns,
// so it always reaches the client before the result.
func (p *Progress) ReportAfter(delay time.Duration, progress float64, message string) (stop func() (sent bool)) {
	if !p.Enabled() {
		return func() bool { return false }
	}
	var mu sync.Mutex
	stopped, sent := false, false
	t := time.AfterFunc(delay, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		sent = true
		p.Report(progress, message)
	})
	return func() bool {
		t.Stop()
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		return sent
	}
}

// Step reports progress one unit further than the last report.
func (p *Progress) Step(message string) {
	if !p.Enabled() {
		return
	}
	p.mu.Lock()
	next := p.last + 1
	p.mu.Unlock()
	p.Report(next, message)
}

// LoggerName is the logger field of the notifications/message this server sends.
const LoggerName = "facesign"

// LogToClient sends notifications/message to the calling session when its log
// level (logging/setLevel, or the request's own level for 2026-07-28 clients)
// lets level through; otherwise, or outside a session, it does nothing. msg and
// fields must hold no secret: redact keys with facesign.Redact first. fields
// are key, value pairs added to the message data.
func LogToClient(ctx context.Context, level mcp.LoggingLevel, msg string, fields ...any) {
	srv := server.ServerFromContext(ctx)
	if srv == nil {
		return
	}
	data := map[string]any{"message": msg}
	for i := 0; i+1 < len(fields); i += 2 {
		data[fmt.Sprint(fields[i])] = fields[i+1]
	}
	_ = srv.SendLogMessageToClient(ctx, mcp.NewLoggingMessageNotification(level, LoggerName, data))
}

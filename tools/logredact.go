package tools

import (
	"context"
	"log/slog"
	"regexp"
	"strings"

	"github.com/facesign/facesign-mcp/internal/sessionstore"
)

// An MCP session id is a bearer credential on /mcp: whoever holds it acts as
// that session, with its API key. mcp-go 1.2.1 logs it on some error paths
// (as a "session"/"sessionID" attribute, and inside error texts such as "no
// pending request found for session fsmcp-…"), so the transport's logger goes
// through redactSessionIDs.
var sessionIDPattern = regexp.MustCompile(regexp.QuoteMeta(sessionstore.IDPrefix) + `[A-Z2-7]{26}`)

// sessionAttrKeys are the attribute names mcp-go uses for a session id.
var sessionAttrKeys = map[string]bool{"session": true, "sessionID": true, "sessionId": true, "session_id": true, "mcp.session.id": true}

// redactSessionID keeps the prefix and the last four characters, enough to
// tell two sessions apart in a log and far too little to use one.
func redactSessionID(id string) string {
	if len(id) <= 4 {
		return "…"
	}
	p := ""
	if strings.HasPrefix(id, sessionstore.IDPrefix) {
		p = sessionstore.IDPrefix
	}
	return p + "…" + id[len(id)-4:]
}

func redactSessionIDsIn(s string) string {
	if !strings.Contains(s, sessionstore.IDPrefix) {
		return s
	}
	return sessionIDPattern.ReplaceAllStringFunc(s, redactSessionID)
}

// redactingHandler is a slog.Handler that removes session ids from the
// message and every attribute before passing the record on.
type redactingHandler struct{ next slog.Handler }

// redactSessionIDs returns a logger that writes to l's handler with every
// MCP session id redacted.
func redactSessionIDs(l *slog.Logger) *slog.Logger {
	return slog.New(redactingHandler{next: l.Handler()})
}

func (h redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, redactSessionIDsIn(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = redactAttr(a)
	}
	return redactingHandler{next: h.next.WithAttrs(red)}
}

func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{next: h.next.WithGroup(name)}
}

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindGroup:
		g := v.Group()
		red := make([]slog.Attr, len(g))
		for i, ga := range g {
			red[i] = redactAttr(ga)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(red...)}
	case slog.KindString:
		if sessionAttrKeys[a.Key] {
			return slog.String(a.Key, redactSessionID(v.String()))
		}
		return slog.String(a.Key, redactSessionIDsIn(v.String()))
	case slog.KindAny:
		// Errors and other values are logged by their text: redact that text.
		var s string
		switch x := v.Any().(type) {
		case error:
			s = x.Error()
		case interface{ String() string }:
			s = x.String()
		default:
			return slog.Attr{Key: a.Key, Value: v}
		}
		if sessionAttrKeys[a.Key] {
			return slog.String(a.Key, redactSessionID(s))
		}
		if red := redactSessionIDsIn(s); red != s {
			return slog.String(a.Key, red)
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/server"
)

// Event retention: enough for a client to resume a stream that broke a moment
// ago, small enough that a long session holds almost nothing.
const (
	eventRetention       = 5 * time.Minute
	maxEventsPerSession  = 64
	maxEventBytesSession = 1 << 20
)

// eventStore is a bounded server.EventStore. The transport needs one for a
// reason beyond resumability: without it mcp-go 1.2.1 drops a notification
// (progress, log message) that its forwarder picked up while the tool result
// was being written; with one, every notification is delivered before the
// result. mcp-go's InMemoryEventStore keeps every SSE message of a session
// until the session ends, so this one keeps at most 64 events, 1 MiB and five
// minutes per session.
type eventStore struct {
	now func() time.Time

	mu       sync.Mutex
	seq      int64
	sessions map[string]*eventLog
}

type eventLog struct {
	events []storedEvent
	bytes  int
}

type storedEvent struct {
	id     string
	stream string
	msg    json.RawMessage
	at     time.Time
}

func newEventStore(now func() time.Time) *eventStore {
	return &eventStore{now: now, sessions: map[string]*eventLog{}}
}

func (s *eventStore) StoreEvent(_ context.Context, sessionID, streamID string, message json.RawMessage) (string, error) {
	msg := append(json.RawMessage(nil), message...)
	s.mu.Lock()
	defer s.mu.Unlock()
	log := s.sessions[sessionID]
	if log == nil {
		log = &eventLog{}
		s.sessions[sessionID] = log
	}
	s.seq++
	id := strconv.FormatInt(s.seq, 10)
	now := s.now()
	log.events = append(log.events, storedEvent{id: id, stream: streamID, msg: msg, at: now})
	log.bytes += len(msg)
	// Expired events go first, then the oldest beyond the count and size bounds.
	drop := log.expired(now.Add(-eventRetention))
	for len(log.events)-drop > maxEventsPerSession || (log.bytes > maxEventBytesSession && len(log.events)-drop > 1) {
		log.bytes -= len(log.events[drop].msg)
		drop++
	}
	if drop > 0 {
		log.events = append([]storedEvent(nil), log.events[drop:]...)
	}
	return id, nil
}

func (s *eventStore) ReplayEventsAfter(_ context.Context, sessionID, lastEventID string, send func(eventID string, message json.RawMessage) error) (string, error) {
	s.mu.Lock()
	var stream string
	var tail []storedEvent
	found := false
	if log := s.sessions[sessionID]; log != nil {
		for _, ev := range log.events {
			if found && ev.stream == stream {
				tail = append(tail, ev)
			}
			if !found && ev.id == lastEventID {
				found, stream = true, ev.stream
			}
		}
	}
	s.mu.Unlock()
	if !found {
		return "", fmt.Errorf("%w: %s (events are kept for %s)", server.ErrUnknownEventID, lastEventID, eventRetention)
	}
	for _, ev := range tail {
		if err := send(ev.id, ev.msg); err != nil {
			return "", err
		}
	}
	return stream, nil
}

func (s *eventStore) PurgeSession(_ context.Context, sessionID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, sessionID)
	return nil
}

// expired counts the leading events stamped before cutoff and takes their
// bytes off the log's total; the caller removes them.
func (l *eventLog) expired(cutoff time.Time) int {
	n := 0
	for n < len(l.events) && l.events[n].at.Before(cutoff) {
		l.bytes -= len(l.events[n].msg)
		n++
	}
	return n
}

// trim drops events older than the retention period from every session, and
// the sessions left without events. StoreEvent trims the session it appends
// to; this reaches the sessions that have gone quiet.
func (s *eventStore) trim() {
	cutoff := s.now().Add(-eventRetention)
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, log := range s.sessions {
		drop := log.expired(cutoff)
		if drop == len(log.events) {
			delete(s.sessions, id)
		} else if drop > 0 {
			log.events = append([]storedEvent(nil), log.events[drop:]...)
		}
	}
}

// run trims every interval until ctx ends.
func (s *eventStore) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.trim()
		}
	}
}

// len is the number of sessions holding events (for tests).
func (s *eventStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

var _ server.EventStore = (*eventStore)(nil)

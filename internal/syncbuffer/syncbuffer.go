// Package syncbuffer is a text buffer that several goroutines may write to
// while another reads it: what tests hand to a logger, a server or a child
// process as its output, to read back what was written.
package syncbuffer

import (
	"strings"
	"sync"
)

// Buffer is an io.Writer safe for concurrent use. Its zero value is empty and
// ready to use; it must not be copied once used.
type Buffer struct {
	mu sync.Mutex
	b  strings.Builder
}

// Write appends p; it never fails.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

package stdiodrain

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestInflightTracking(t *testing.T) {
	track := NewInflight()
	var out strings.Builder
	in := NewReader(context.Background(), strings.NewReader(
		`{"jsonrpc":"2.0","id":7,"method":"tools/call"}`+"\n"+
			`{"jsonrpc":"2.0","id":"a","method":"ping"}`+"\n"+
			`{"jsonrpc":"2.0","id":9,"method":"tools/call"}`+"\n"+
			`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9}}`+"\n"+
			`not json`+"\n"), track, 50*time.Millisecond, nil)
	buf := make([]byte, 20) // small reads split lines
	for {
		if _, err := in.Read(buf); err != nil {
			break
		}
	}
	assert.Len(t, track.pending, 2, "7 and a wait; 9 was cancelled")
	w := NewWriter(&out, track)
	_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":"a","method":"sampling/createMessage","params":{}}`+"\n") // a server request, not an answer
	assert.Len(t, track.pending, 2)
	_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":7.0,"res`)
	_, _ = io.WriteString(w, `ult":{}}`+"\n"+`{"jsonrpc":"2.0","id":"a","error":{"code":1,"message":"x"}}`+"\n")
	assert.Empty(t, track.pending)
	assert.Equal(t, 0, track.wait(context.Background(), time.Millisecond))
	track.add("n:1")
	assert.Equal(t, 1, track.wait(context.Background(), 10*time.Millisecond), "the wait is bounded")
}

package stdiodrain

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnswerFilter(t *testing.T) {
	long := strings.Repeat("x", maxFilteredLine+10)
	input := "keep 1\nanswer me\nkeep 2\n" + long + "\nanswer me\nlast without newline"
	var replies bytes.Buffer
	f := NewAnswerFilter(iotest.OneByteReader(strings.NewReader(input)), &replies, func(line []byte) []byte {
		if string(line) == "answer me" {
			return []byte("answered")
		}
		return nil
	})
	got, err := io.ReadAll(f)
	require.NoError(t, err)
	assert.Equal(t, "keep 1\nkeep 2\n"+long+"\nlast without newline", string(got))
	assert.Equal(t, "answered\nanswered\n", replies.String())
}

package english

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKnown(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"identity", true}, {"identify", true}, {"order", true}, {"great", true}, {"recognise", true},
		{"recognize", true}, {"licence", true}, {"aardvark", true}, {"zygote", true},
		{"pasport", false}, {"livness", false}, {"recogntion", false}, {"", false}, {"Identity", false},
		{"a", false}, {"zzzz", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Known(tt.w), tt.w)
	}
}

// The binary search is only right on a byte-sorted list without blank lines.
func TestWordsSorted(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(words, "\n"), "\n")
	require.Greater(t, len(lines), 50000)
	for i := 1; i < len(lines); i++ {
		require.Less(t, lines[i-1], lines[i], "line %d", i+1)
	}
	for _, w := range lines {
		require.True(t, Known(w), w)
	}
}

func BenchmarkKnown(b *testing.B) {
	for b.Loop() {
		Known("recognition")
	}
}

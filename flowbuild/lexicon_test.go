package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Typo correction: a non-word close to one lexicon lemma becomes it; an English
// word never does, whatever lexicon word it resembles.
func TestLemmaTypos(t *testing.T) {
	tests := []struct {
		word, want string
		known      bool
	}{
		{"pasport", "passport", true},
		{"livness", "liveness", true},
		{"recogntion", "recognize", true},
		{"reconise", "recognize", true},
		{"emal", "email", true},
		{"compair", "compare", true},    // two edits, seven letters
		{"verfication", "verify", true}, // a typo of a listed form
		{"identity", "identity", false}, // English: not "identify"
		{"order", "order", false},       // English: not "older"
		{"great", "great", false},       // English: not "greet"
		{"selfi", "selfie", true},
		{"xqzv", "xqzv", false}, // nothing close
		{"sms", "sms", true},    // a form itself
		{"smss", "sms", true},
		{"cod", "cod", false}, // three letters: too short to correct
	}
	for _, tt := range tests {
		got, known := lex.lemma(tt.word)
		assert.Equal(t, tt.want, got, tt.word)
		assert.Equal(t, tt.known, known, tt.word)
	}
}

func TestWithin2(t *testing.T) {
	assert.True(t, within2("compair", "compare"))
	assert.True(t, within2("abc", "abc"))
	assert.True(t, within2("ab", "ba"))
	assert.False(t, within2("compare", "campaign"))
	assert.False(t, within2("a", "abcd"))
}

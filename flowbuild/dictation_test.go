package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUndictate(t *testing.T) {
	cases := []struct{ in, want string }{
		// spoken punctuation, and the same words used as nouns
		{"liveness comma then an email code full stop", "liveness, then an email code."},
		// a number word before a hyphen heads a compound ("one-time")
		{"then twenty one-time codes", "then twenty one-time codes"},
		{"at one point two-factor was enough", "at one point two-factor was enough"},
		{"KYC colon scan the ID period new line then liveness", "KYC: scan the ID. then liveness"},
		{"an SMS code with a grace period before the lock", "an SMS code with a grace period before the lock"},
		{"a code valid for a period of ten minutes", "a code valid for a period of ten minutes"},
		// letters spelled out: the longest run the lexicon knows
		{"scan their I D then an O T P by S M S", "scan their ID then an OTP by SMS"},
		{"send a S M S code", "send a SMS code"},
		{"I want a liveness check", "I want a liveness check"},
		// words split by a space: only into a word that names a step
		{"scan the pass port then live ness", "scan the passport then liveness"},
		{"send it by e mail", "send it by e mail"},
		{"a face scan then a selfie", "a face scan then a selfie"},
		// numbers said as one number, not a single number word
		{"twenty one or over", "21 or over"},
		{"a threshold of zero point eight five", "a threshold of 0.85"},
		{"four digits, compare the two", "four digits, compare the two"},
		// quoted lines stay as said
		{`the avatar says "about thirty seconds comma promise" comma then liveness`, `the avatar says "about thirty seconds comma promise", then liveness`},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, undictate(c.in), c.in)
	}
}

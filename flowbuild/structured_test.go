package flowbuild

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// unstructure rewrites pasted structure into the prose the clause reader
// takes, and leaves everything else exactly as written.
func TestUnstructure(t *testing.T) {
	tests := []struct {
		name, in, want string
		notes          int
	}{
		{"a checklist with a tick chooses", "- [x] liveness\n- [ ] SMS code\n- [x] passport scan", "- liveness\n- no SMS code\n- passport scan", 1},
		{"a crossed-out box is unticked", "- [x] liveness\n- [✗] SMS code", "- liveness\n- no SMS code", 1},
		{"an all-empty checklist is a to-do list", "- [ ] liveness\n- [ ] SMS code", "- liveness\n- SMS code", 0},
		{"settings under a step set that step", `liveness: {"attempts": 3}`, "liveness(attempts=3)", 0},
		{"settings under a channel set its code", "sms: {digits: 8}", "sms code(digits=8)", 0},
		{"a table's one failure policy is said once", "| step | on failure |\n|---|---|\n| liveness | end |\n| SMS code | end |", "liveness\nSMS code\nif any step fails, end", 0},
		{"a key that names a step, switched on", "liveness: true", "liveness", 0},
		{"a key that names a step, switched off", "document scan: skip", "no document scan", 0},
		// left as written
		{"a ratio is no key: value", "face recognition 1:N", "face recognition 1:N", 0},
		{"a speaker's answer", "Amy: nope", "Amy: nope", 0},
		{"a setting of a step is no switch", "email code expiry: never", "email code expiry: never", 0},
		{"a time in chat", "Note: see you at 10:30, ok?", "Note: see you at 10:30, ok?", 0},
		{"plain prose", "liveness, then an SMS code", "liveness, then an SMS code", 0},
		{"an arrow between steps", "liveness -> SMS code -> done", "liveness -> SMS code -> done", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes := unstructure(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Len(t, notes, tt.notes, "%q", notes)
		})
	}
}

// A structured description that ends in a change line is built, then changed:
// what reading its structure decided is still said.
func TestBuildKeepsShapeNotesWithATrailingChange(t *testing.T) {
	r, err := Build("- [x] liveness\n- [ ] SMS code\n- [x] passport scan\nedit: swap the liveness check and the passport scan", Options{})
	if !assert.NoError(t, err) {
		return
	}
	n := 0
	for _, a := range r.Assumptions {
		if strings.HasPrefix(a, "Unticked items of the checklist are not applied") {
			n++
		}
	}
	assert.Equal(t, 1, n, "%q", r.Assumptions)
}

// keyValueLine takes every bullet mark of bulletMarks, and "+ ", off the
// key (mrC15 4: the "•" branch was reached only by corpus cases).
func TestKeyValueLineBullets(t *testing.T) {
	for _, l := range []string{"• sms code: gone", "  - sms code: gone", "* sms code: gone", "+ sms code: gone", "· sms code: gone", "– sms code: gone"} {
		_, key, value, _, ok := keyValueLine(l)
		if !ok || key != "sms code" || value != "gone" {
			t.Errorf("%q: key %q value %q ok %v", l, key, value, ok)
		}
	}
}

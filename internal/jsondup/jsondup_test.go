package jsondup

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFirst(t *testing.T) {
	for _, tc := range []struct {
		json, want string
	}{
		{`{"flow":[],"flow":[{"id":"x"}]}`, "/flow"},
		{`{"flow":[{"id":"a","type":"start","id":"b"}]}`, "/flow/0/id"},
		{`[1,{"a":1},{"b":{"c":1,"c":2}}]`, "/2/b/c"},
		{`{"a/b":{"x~":1,"x~":2}}`, "/a~1b/x~0"},
		{`{"a":{"k":1},"b":{"k":1}}`, ""}, // the same key in two objects is fine
		{`{"a":[{"k":1},{"k":2}]}`, ""},
		{`{"a":1,"A":2}`, ""}, // keys differ (encoding/json would match them without case; the strict decoders refuse unknown ones)
		{`[1,2,3]`, ""},
		{`{"a":1,"a":`, "/a"}, // invalid after the repeat
		{`{"a":,"a":1}`, ""},  // invalid before it: the caller's decoder reports it
		{`not json`, ""},
	} {
		got, found := First([]byte(tc.json))
		assert.Equal(t, tc.want, got, tc.json)
		assert.Equal(t, tc.want != "", found, tc.json)
	}
}

func TestFirstOnALargeDocument(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"flow":[`)
	for i := range 5000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"id":"n","type":"conversation","outcomes":[{"id":"a"},{"id":"b"}]}`)
	}
	b.WriteString(`],"metadata":{"k":"v","k":"w"}}`)
	got, found := First([]byte(b.String()))
	assert.True(t, found)
	assert.Equal(t, "/metadata/k", got)
}

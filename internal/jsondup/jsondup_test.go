package jsondup

import (
	"fmt"
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
		{`{"a":1,"\u0061":2}`, "/a"},                // keys compare decoded
		{`{"s":"}{\",\"s\":","s":1}`, "/s"},         // braces and quotes inside strings are text
		{`{"a":[1,{"b":2},"c"],"d":{"b":3}}`, ""},   // nesting ends where it should
		{`{"x":[{"a":1},{"a":2,"a":3}]}`, "/x/1/a"}, // array indexes count values
		{`{"x":[true,null,-1.5e3,{"k":1,"k":1}]}`, "/x/3/k"},
		{`not json`, ""},
	} {
		got, found := First([]byte(tc.json))
		assert.Equal(t, tc.want, got, tc.json)
		assert.Equal(t, tc.want != "", found, tc.json)
	}
}

func TestFirstInAWideObject(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"w":{`)
	for i := range 100 {
		fmt.Fprintf(&sb, `"k%d":%d,`, i, i)
	}
	sb.WriteString(`"k37":0},"after":{"k37":1}}`)
	got, found := First([]byte(sb.String()))
	assert.True(t, found)
	assert.Equal(t, "/w/k37", got)
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

// BenchmarkFirst is the cost of the check on a tool call's arguments or a
// sandbox body: a 200-node flow, the largest a tool takes.
func BenchmarkFirst(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"flow":[`)
	for i := range 200 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"id":"node_` + strings.Repeat("x", 8) + `","type":"conversation","prompt":"Ask the user to confirm the recipient and the amount of the transfer.","outcomes":[{"id":"yes","targetNodeId":"next","condition":"confirmed"},{"id":"no","targetNodeId":"stop","condition":"refused"}]}`)
	}
	sb.WriteString(`]}`)
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, dup := First(data); dup {
			b.Fatal("no repeat expected")
		}
	}
}

// BenchmarkFirstWideObject is the worst case: one object of as many short
// distinct keys as fit in the 1 MiB a body or a tool call may have.
func BenchmarkFirstWideObject(b *testing.B) {
	var sb strings.Builder
	sb.WriteByte('{')
	for i := 0; sb.Len() < 1<<20-32; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"%x":0`, i)
	}
	sb.WriteByte('}')
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, dup := First(data); dup {
			b.Fatal("no repeat expected")
		}
	}
}

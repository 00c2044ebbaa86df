package flow

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSONKind(t *testing.T) {
	for raw, want := range map[string]string{
		"": "nothing", "  ": "nothing", `{"a":1}`: "an object", " [1]": "an array", `"x"`: "a string",
		"true": "a boolean", "false": "a boolean", "null": "null", "-1": "a number", "2.5": "a number",
	} {
		assert.Equal(t, want, JSONKind([]byte(raw)), "%q", raw)
	}
}

func TestEscapePointer(t *testing.T) {
	for in, want := range map[string]string{"plain": "plain", "a/b": "a~1b", "a~b": "a~0b", "~/": "~0~1", "é/~": "é~1~0"} {
		assert.Equal(t, want, EscapePointer(in), in)
	}
}

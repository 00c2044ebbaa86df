package facesign

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// topLevelValue must find exactly the bytes encoding/json decoded the
// session from, or give up (nil) so that the caller encodes the session.
func TestTopLevelValue(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"first", `{"session":{"id":"s","a":[1,{"b":"}"}]},"clientSecret":{"secret":"x"}}`, `{"id":"s","a":[1,{"b":"}"}]}`},
		{"last, with spaces", ` { "clientSecret" : {"s":"a\"}"} , "session" : {"id":"s"} } `, `{"id":"s"}`},
		{"after scalars", `{"n":12,"t":true,"z":null,"s":"x\\","session":{"k":"v"}}`, `{"k":"v"}`},
		{"null", `{"session":null}`, `null`},
		{"scalar last", `{"x":1,"session":5}`, `5`},
		{"absent", `{"clientSecret":{}}`, ``},
		{"nested only", `{"data":{"session":{"id":"s"}}}`, ``},
		{"repeated", `{"session":{"id":"a"},"session":{"id":"b"}}`, ``},
		{"other case too", `{"session":{"id":"a"},"Session":{"id":"b"}}`, ``},
		{"escaped key", `{"\u0073ession":{"id":"a"}}`, ``},
		{"not an object", `[{"session":1}]`, ``},
		{"empty object", `{}`, ``},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(topLevelValue([]byte(tc.data), "session")))
		})
	}
}

package sandbox

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A body that repeats a key, and a flow whose node id carries a control or
// bidirectional-override character, are refused with a clear 400, and
// nothing is stored.
func TestRefusedBodiesStoreNothing(t *testing.T) {
	e := newEnv(t, nil)
	bidi := strings.Replace(simpleFlow, `"id":"hello"`, `"id":"hel\u202elo"`, 1)
	bidi = strings.Replace(bidi, `"outcome":"hello"`, `"outcome":"hel\u202elo"`, 1)
	for _, tc := range []struct {
		name, path, body, code, pointer string
	}{
		{"duplicate top-level key", "/sessions", `{"flow":[],"flow":` + simpleFlow + `}`, "duplicate_key", "/flow"},
		{"duplicate key in a node", "/sessions", `{"flow":` + strings.Replace(simpleFlow, `"id":"end","type":"end"`, `"id":"end","type":"end","id":"end2"`, 1) + `}`, "duplicate_key", "/flow/4/id"},
		{"duplicate key in metadata", "/sessions", `{"flow":` + simpleFlow + `,"metadata":{"k":"a","k":"b"}}`, "duplicate_key", "/metadata/k"},
		{"duplicate webhook url", "/webhooks", `{"url":"http://127.0.0.1:9/a","url":"http://127.0.0.1:9/b"}`, "duplicate_key", "/url"},
		{"node id with a bidirectional override", "/sessions", `{"flow":` + bidi + `}`, "invalid_flow", ""},
		{"node id with a line break", "/sessions", `{"flow":` + strings.Replace(strings.Replace(simpleFlow, `"id":"hello"`, `"id":"hel\nlo"`, 1), `"outcome":"hello"`, `"outcome":"hel\nlo"`, 1) + `}`, "invalid_flow", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			er := e.do("POST", tc.path, keyA, tc.body).apiErr(t, http.StatusBadRequest, "validation_error")
			assert.Equal(t, tc.code, er["code"], er)
			if tc.pointer != "" {
				assert.Contains(t, er["message"], tc.pointer)
			} else {
				assert.Contains(t, er["message"], "character")
			}
		})
	}
	var page struct{ Sessions []map[string]any }
	e.do("GET", "/sessions", keyA, nil).decode(t, &page)
	assert.Empty(t, page.Sessions, "no session was stored")
	var hooks struct{ Webhooks []map[string]any }
	e.do("GET", "/webhooks", keyA, nil).decode(t, &hooks)
	assert.Empty(t, hooks.Webhooks, "no endpoint was stored")
	require.Equal(t, http.StatusCreated, e.do("POST", "/sessions", keyA, `{"flow":`+simpleFlow+`}`).status, "the same flow, clean, is accepted")
	e.do("GET", "/sessions", keyA, nil).decode(t, &page)
	assert.Len(t, page.Sessions, 1, "and the listing sees it (so the empty one above was empty)")
}

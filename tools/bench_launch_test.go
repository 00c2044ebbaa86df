package tools_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/facesign/facesign-mcp/tools"
)

// BenchmarkLaunchSessionUI: one launch_session_ui call over Streamable HTTP
// (validate, register the preview, answer), then the first GET of the page it
// returns (the diagram drawn on the first view of a new flow is cached after;
// every iteration launches the same flow, so this is the cached page).
func BenchmarkLaunchSessionUI(b *testing.B) {
	st := newBenchStack(b, nil)
	c := st.Dial(b)
	tools.OKMap(b, tools.CallTool(b, c, "set_api_key", map[string]any{"apiKey": previewKey}))
	var flow []any
	if err := jsonUnmarshal(previewFlow, &flow); err != nil {
		b.Fatal(err)
	}
	args := map[string]any{"flow": flow, "openBrowser": false}
	b.Run("tool", func(b *testing.B) {
		for b.Loop() {
			tools.OKMap(b, tools.CallTool(b, c, "launch_session_ui", args))
		}
	})
	b.Run("tool+page", func(b *testing.B) {
		for b.Loop() {
			out := tools.OKMap(b, tools.CallTool(b, c, "launch_session_ui", args))
			resp, err := http.Get(out["url"].(string))
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatal(resp.Status)
			}
		}
	})
}

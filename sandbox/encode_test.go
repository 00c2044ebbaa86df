package sandbox

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// encodeFlow writes what json.Marshal writes, for every sample flow and for
// nodes with text that encoding/json escapes (HTML, line breaks, non-ASCII)
// and extra fields.
func TestEncodeFlowIsJSONMarshal(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(flowsDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	docs := map[string][]byte{
		"escapes": []byte(`[{"id":"start","type":"start","outcome":"c"},{"id":"c","type":"conversation","prompt":"Say: <b>hi</b> & \"bye\"\n\u2028 café 😀","outcomes":[{"id":"o","targetNodeId":"end","condition":"x < y"}],"x-extra":{"b":[1, 2],"a":"<"}},{"id":"end","type":"end"}]`),
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		docs[filepath.Base(f)] = raw
	}
	for name, raw := range docs {
		t.Run(name, func(t *testing.T) {
			fl, err := flow.Decode(raw)
			require.NoError(t, err)
			want, err := json.Marshal(fl)
			require.NoError(t, err)
			got, err := encodeFlow(fl)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
	got, err := encodeFlow(nil)
	require.NoError(t, err)
	assert.Equal(t, "null", string(got))
}

// The create answer written around the stored session is what encoding/json
// writes for the same answer.
func TestCreateResponseEncode(t *testing.T) {
	sess := json.RawMessage(`{"id":"ses_1","settings":{"flow":[]}}`)
	sec := facesign.ClientSecret{Secret: "cs_x", URL: "http://127.0.0.1:7717/verify?client_secret=cs_x&a=<b>"}
	for _, warnings := range [][]facesign.Warning{nil, {{Code: "w", Path: "/flow/0", Message: "<careful>"}}} {
		c := &createResponse{Session: sess, ClientSecret: sec, Warnings: warnings}
		want, err := json.Marshal(c)
		require.NoError(t, err)
		got, err := c.encode()
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
}

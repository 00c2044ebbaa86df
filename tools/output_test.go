package tools

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

func TestAPIFailureTellsARefusedKeyFromAForbiddenRequest(t *testing.T) {
	key := KeyInfo{Environment: facesign.EnvSandbox, Redacted: "sk_test_…1111", ServerURL: "https://api.facesign.example/v1"}
	for _, tc := range []struct {
		name      string
		err       *facesign.APIError
		want      []string
		wantNotIn string
	}{
		{"flat 403 is the key", &facesign.APIError{StatusCode: 403, Type: facesign.ErrorTypeAuthentication, Message: "Incorrect api key"},
			[]string{"rejected the API key sk_test_…1111", "set_api_key"}, "forbidden by"},
		{"401 is the key", &facesign.APIError{StatusCode: 401, Type: facesign.ErrorTypeAuthentication, Message: "Unauthorized"},
			[]string{"rejected the API key"}, "forbidden by"},
		{"proxy 403 is not the key", &facesign.APIError{StatusCode: 403, Type: facesign.ErrorTypeForbidden, Message: "Forbidden"},
			[]string{"forbidden by api.facesign.example: Forbidden", "was not rejected", "proxy"}, "rejected the API key"},
		{"403 with a type of its own", &facesign.APIError{StatusCode: 403, Type: "permission_error", Message: "zone eu not enabled"},
			[]string{"forbidden by api.facesign.example: zone eu not enabled"}, "rejected the API key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := apiFailure("create_session", key, tc.err)
			require.True(t, res.IsError)
			text := ResultText(res)
			for _, w := range tc.want {
				assert.Contains(t, text, w)
			}
			assert.NotContains(t, text, tc.wantNotIn)
		})
	}
}

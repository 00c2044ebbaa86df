package facesign

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedVectors is the one file of webhook and API-error test vectors that
// this package and every exported app (internal/facesign, where the exporter
// ships it) are both tested against, so the two implementations cannot drift.
const sharedVectors = "../templates/app/internal/facesign/testdata/webhook-vectors.json"

type vectorFile struct {
	Webhooks []struct {
		Name      string   `json:"name"`
		Secrets   []string `json:"secrets"`
		Header    string   `json:"header"`
		Body      string   `json:"body"`
		Now       int64    `json:"now"`
		Tolerance int      `json:"toleranceSeconds"`
		Valid     bool     `json:"valid"`
		Error     string   `json:"error"`
	} `json:"webhooks"`
	APIErrors []struct {
		Name    string          `json:"name"`
		Status  int             `json:"status"`
		Body    json.RawMessage `json:"body"`
		Type    string          `json:"type"`
		Code    string          `json:"code"`
		Message string          `json:"message"`
	} `json:"apiErrors"`
}

func loadSharedVectors(t *testing.T) vectorFile {
	t.Helper()
	data, err := os.ReadFile(sharedVectors)
	require.NoError(t, err)
	var v vectorFile
	require.NoError(t, json.Unmarshal(data, &v))
	require.NotEmpty(t, v.Webhooks)
	require.NotEmpty(t, v.APIErrors)
	return v
}

func TestSharedWebhookVectors(t *testing.T) {
	sentinels := map[string]error{
		"ErrNotSigned": ErrNotSigned, "ErrInvalidHeader": ErrInvalidHeader, "ErrTooOld": ErrTooOld,
		"ErrInFuture": ErrInFuture, "ErrNoValidSignature": ErrNoValidSignature, "ErrNoSecrets": ErrNoSecrets,
	}
	for _, tc := range loadSharedVectors(t).Webhooks {
		t.Run(tc.Name, func(t *testing.T) {
			err := Verify(tc.Header, []byte(tc.Body), tc.Secrets, time.Duration(tc.Tolerance)*time.Second, time.Unix(tc.Now, 0))
			if tc.Valid {
				require.NoError(t, err)
				return
			}
			want, ok := sentinels[tc.Error]
			require.True(t, ok, "unknown sentinel %q", tc.Error)
			require.ErrorIs(t, err, want)
		})
	}
}

func TestSharedAPIErrorVectors(t *testing.T) {
	for _, tc := range loadSharedVectors(t).APIErrors {
		t.Run(tc.Name, func(t *testing.T) {
			e := decodeError(tc.Status, http.Header{"Content-Type": {"application/json"}}, tc.Body)
			assert.Equal(t, tc.Status, e.StatusCode)
			assert.Equal(t, tc.Type, e.Type)
			assert.Equal(t, tc.Code, e.Code)
			assert.Equal(t, tc.Message, e.Message)
		})
	}
}

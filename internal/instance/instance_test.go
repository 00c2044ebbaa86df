package instance

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHealthzAnswersAChallengeWithTheInstanceSecret(t *testing.T) {
	in := New()
	get := func(h http.Handler, query string) (int, map[string]string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz"+query, nil))
		var body map[string]string
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		return rec.Code, body
	}
	code, body := get(Healthz(in, "facesign-mcp", "1.2.3"), "")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, "facesign-mcp", body["server"])
	assert.Equal(t, "1.2.3", body["version"])
	assert.NotContains(t, body, "proof", "no challenge, no proof")

	code, body = get(Healthz(in, "facesign-mcp", "1.2.3"), "?nonce=abc")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, Proof(in.secret, "abc"), body["proof"])
	assert.NotEqual(t, Proof(in.secret, "abd"), body["proof"])
	assert.NotEqual(t, Proof(New().secret, "abc"), body["proof"], "another start, another secret")

	code, _ = get(Healthz(in, "facesign-mcp", "1.2.3"), "?nonce="+strings.Repeat("a", maxNonceLen+1))
	assert.Equal(t, http.StatusBadRequest, code)
	_, body = get(Healthz(nil, "facesign-mcp", "1.2.3"), "?nonce=abc")
	assert.NotContains(t, body, "proof", "a listener without a data dir of its own proves nothing")
}

func TestInstanceFileIsPrivateAndRemovedOnlyByItsOwner(t *testing.T) {
	dir := t.TempDir()
	a := New()
	require.NoError(t, a.Publish(dir, "127.0.0.1:7717"))
	path := filepath.Join(dir, FileName)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	rec, err := readFile(path)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:7717", rec.Addr)
	assert.Equal(t, hex.EncodeToString(a.secret), rec.Secret)
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file is left behind")

	b := New()
	require.NoError(t, b.Publish(dir, "127.0.0.1:7718"))
	a.Remove() // a's file was replaced: a must not remove b's
	_, err = os.Stat(path)
	require.NoError(t, err)
	b.Remove()
	_, err = os.Stat(path)
	assert.True(t, os.IsNotExist(err))
	var none *Instance
	none.Remove() // a nil instance (no listener) is fine
}

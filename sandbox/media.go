package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"

	"github.com/facesign/facesign-mcp/sandbox/hosted"
)

// mediaSigner makes and checks the signed URLs reports use for the hosted
// page's images: {PublicURL}/verify/media/{id}?exp={unix}&sig={HMAC}. The
// key lives in the database, so links survive a restart until they expire;
// anyone holding a link sees that one image until then, and nothing else.
type mediaSigner struct {
	key     []byte
	base    string        // PublicURL + "/verify/media/"
	ttl     time.Duration // how long a link lives
	quantum time.Duration // expiries are rounded up to this, so a session's JSON is stable for a while
}

func loadMediaSigner(ctx context.Context, q querier, publicURL string, ttl time.Duration) (*mediaSigner, error) {
	var key []byte
	if err := q.QueryRowContext(ctx, `SELECT key FROM signing_keys WHERE name = 'media'`).Scan(&key); err != nil {
		return nil, fmt.Errorf("sandbox: read the media signing key: %w", err)
	}
	if len(key) < 16 {
		return nil, fmt.Errorf("sandbox: the media signing key is too short (%d bytes)", len(key))
	}
	return &mediaSigner{key: key, base: publicURL + "/verify/media/", ttl: ttl, quantum: 5 * time.Minute}, nil
}

func (m *mediaSigner) sig(id string, exp int64) string {
	h := hmac.New(sha256.New, m.key)
	h.Write([]byte(id))
	h.Write([]byte{0})
	h.Write([]byte(strconv.FormatInt(exp, 10)))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// url signs a link to media id valid for ttl (rounded up) from now.
func (m *mediaSigner) url(id string, now time.Time) string {
	exp := now.Add(m.ttl + m.quantum).Truncate(m.quantum).Unix()
	return m.base + id + "?exp=" + strconv.FormatInt(exp, 10) + "&sig=" + m.sig(id, exp)
}

// valid checks a link's signature and expiry in constant time.
func (m *mediaSigner) valid(id string, exp int64, sig string, now time.Time) bool {
	if id == "" || sig == "" || now.Unix() >= exp {
		return false
	}
	return hmac.Equal([]byte(sig), []byte(m.sig(id, exp)))
}

var mediaMarker = []byte(`"` + hosted.MediaScheme)

// sign replaces every stored media reference in a JSON answer
// ("sandbox-media:med_…") with a signed URL valid from now. Answers without
// one (most) are returned as they are.
func (m *mediaSigner) sign(body []byte, now time.Time) []byte {
	if !bytes.Contains(body, mediaMarker) {
		return body
	}
	var out bytes.Buffer
	out.Grow(len(body) + 256)
	for {
		i := bytes.Index(body, mediaMarker)
		if i < 0 {
			out.Write(body)
			return out.Bytes()
		}
		out.Write(body[:i+1])
		rest := body[i+len(mediaMarker):]
		j := 0
		for j < len(rest) && (rest[j] == '_' || rest[j] >= 'a' && rest[j] <= 'z' || rest[j] >= '0' && rest[j] <= '9') {
			j++
		}
		if j < len(rest) && rest[j] == '"' && j > 0 {
			out.WriteString(m.url(string(rest[:j]), now))
		} else {
			out.Write(mediaMarker[1:])
			out.Write(rest[:j])
		}
		body = rest[j:]
	}
}

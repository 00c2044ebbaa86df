package sandbox

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/http"
	"strings"
)

// KeyPrefix is the prefix of every key the sandbox accepts.
const KeyPrefix = "sk_test_"

// keyHint shows a key the way logs and errors may: the prefix and the last four.
func keyHint(key string) string {
	prefix := ""
	for _, p := range []string{"sk_test_", "sk_live_", "sk_prod_"} {
		if strings.HasPrefix(key, p) {
			prefix = p
		}
	}
	if len(key) <= len(prefix)+4 {
		return prefix + "…"
	}
	return prefix + "…" + key[len(key)-4:]
}

// checkKey says what is wrong with a bearer key, or nil when the sandbox takes it.
func checkKey(header string) (string, *apiError) {
	if header == "" {
		return "", unauthorized("missing_api_key", "missing API key: send the header Authorization: Bearer sk_test_…")
	}
	scheme, key, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", unauthorized("invalid_authorization", "the Authorization header must be \"Bearer <apiKey>\"")
	}
	key = strings.TrimSpace(key)
	if !strings.HasPrefix(key, KeyPrefix) {
		return "", unauthorized("invalid_api_key", "the sandbox accepts only sk_test_ keys; got "+keyHint(key))
	}
	rest := key[len(KeyPrefix):]
	if len(rest) < 8 || len(rest) > 200 {
		return "", unauthorized("invalid_api_key", "malformed API key "+keyHint(key)+": expected sk_test_ followed by 8 to 200 letters, digits, '_' or '-'")
	}
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return "", unauthorized("invalid_api_key", "malformed API key "+keyHint(key)+": expected sk_test_ followed by 8 to 200 letters, digits, '_' or '-'")
		}
	}
	return key, nil
}

func hashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

type account struct {
	id   int64
	hint string
}

type acctKey struct{}

func accountFrom(ctx context.Context) account {
	a, _ := ctx.Value(acctKey{}).(account)
	return a
}

// authenticate resolves the request's key to its account, creating the account
// (and its default webhook endpoints) on first use.
func (s *Sandbox) authenticate(r *http.Request) (account, error) {
	key, aerr := checkKey(r.Header.Get("Authorization"))
	if aerr != nil {
		return account{}, aerr
	}
	h := hashKey(key)
	if v, ok := s.accounts.Load(h); ok {
		return v.(account), nil
	}
	a := account{hint: keyHint(key)}
	err := s.db.r.QueryRowContext(r.Context(), `SELECT id FROM accounts WHERE key_hash = ?`, h).Scan(&a.id)
	if err == sql.ErrNoRows {
		err = s.write(r.Context(), func(tx wtx) error {
			if err := tx.QueryRowContext(r.Context(), `INSERT INTO accounts(key_hash, key_hint, created_at) VALUES (?, ?, ?)
				ON CONFLICT(key_hash) DO UPDATE SET key_hash = excluded.key_hash RETURNING id`, h, a.hint, s.nowMs()).Scan(&a.id); err != nil {
				return err
			}
			return s.ensureDefaultWebhooks(r.Context(), tx, a.id)
		})
	}
	if err != nil {
		return account{}, err
	}
	s.accounts.Store(h, a)
	return a, nil
}

// randomToken returns prefix + 32 random bytes in hex: unguessable identifiers and secrets.
func randomToken(prefix string, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("sandbox: crypto/rand failed: " + err.Error()) // the runtime guarantees this never happens
	}
	return prefix + hex.EncodeToString(b)
}

// newID returns a short unique id with a type prefix ("ses_…"), 16 random bytes.
func newID(prefix string) string { return randomToken(prefix, 12) }

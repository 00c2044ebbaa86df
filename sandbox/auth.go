package sandbox

import (
	"container/list"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
)

// KeyPrefix is the prefix of every key the sandbox accepts.
const KeyPrefix = facesign.PrefixSandbox

// keyHint shows a key the way logs and errors may. Only a FaceSign key shows
// its prefix and last four (facesign.Redact); of any other bearer, which may
// be a password sent by mistake, nothing at all is shown.
func keyHint(key string) string {
	for _, p := range []string{facesign.PrefixSandbox, facesign.PrefixProduction, facesign.PrefixLive} {
		if strings.HasPrefix(key, p) {
			return facesign.Redact(key)
		}
	}
	return "…"
}

// checkKey says what is wrong with a bearer key, or nil when the sandbox takes
// it. The key's shape is facesign.ParseKey's rule, the one the client applies.
func checkKey(header string) (string, *apiError) {
	if header == "" {
		return "", unauthorized("missing_api_key", "missing API key: send the header Authorization: Bearer sk_test_…")
	}
	scheme, key, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", unauthorized("invalid_authorization", "the Authorization header must be \"Bearer <apiKey>\"")
	}
	key = strings.TrimSpace(key)
	env, err := facesign.ParseKey(key)
	if err != nil {
		msg := "malformed API key"
		var fe *facesign.APIError
		if errors.As(err, &fe) {
			msg = fe.Message // describes the problem without quoting the key
		}
		if hint := keyHint(key); hint != "…" {
			msg += " (got " + hint + ")"
		}
		return "", unauthorized("invalid_api_key", msg+"; the sandbox accepts sk_test_ keys")
	}
	if env != facesign.EnvSandbox {
		return "", unauthorized("invalid_api_key", "the sandbox accepts only sk_test_ keys; got the production key "+keyHint(key))
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

// accountCacheSize bounds the accounts kept in memory; the accounts table stays
// the truth, so an evicted key costs one indexed read on its next request.
const accountCacheSize = 10000

// accountCache maps key hashes to accounts, least recently used evicted first,
// so a client cycling through keys cannot grow the process without bound. The
// zero value is ready to use.
type accountCache struct {
	mu    sync.Mutex
	limit int // 0 means accountCacheSize
	ll    list.List
	m     map[string]*list.Element
}

type cachedAccount struct {
	hash string
	a    account
}

func (c *accountCache) get(hash string) (account, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[hash]
	if !ok {
		return account{}, false
	}
	c.ll.MoveToFront(el)
	return el.Value.(*cachedAccount).a, true
}

func (c *accountCache) put(hash string, a account) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[hash]; ok {
		el.Value.(*cachedAccount).a = a
		c.ll.MoveToFront(el)
		return
	}
	if c.m == nil {
		c.m = map[string]*list.Element{}
	}
	c.m[hash] = c.ll.PushFront(&cachedAccount{hash, a})
	limit := c.limit
	if limit <= 0 {
		limit = accountCacheSize
	}
	for c.ll.Len() > limit {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.m, old.Value.(*cachedAccount).hash)
	}
}

func (c *accountCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// authenticate resolves the request's key to its account, creating the account
// (and its default webhook endpoints) on first use.
func (s *Sandbox) authenticate(r *http.Request) (account, error) {
	key, aerr := checkKey(r.Header.Get("Authorization"))
	if aerr != nil {
		return account{}, aerr
	}
	h := hashKey(key)
	if a, ok := s.accounts.get(h); ok {
		return a, nil
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
	s.accounts.put(h, a)
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

// newID returns a short unique id with a type prefix ("ses_…"), 12 random bytes.
func newID(prefix string) string { return randomToken(prefix, 12) }

// newOrderedID is newID for rows written at a high rate (sessions, webhook
// events): the same length and alphabet, but the first 6 bytes are the time
// in Unix milliseconds, so that the id's UNIQUE index grows at its right edge
// like the rowid does, instead of each new row dirtying a random page of it
// (about one more WAL page per create). 6 random bytes keep ids made in the
// same millisecond apart; ids are not secrets (a key is needed to use one).
func newOrderedID(prefix string, at time.Time) string { return orderedToken(prefix, 12, at) }

// orderedToken is randomToken(prefix, n) whose first 6 bytes are the time in
// Unix milliseconds (n > 6): n-6 random bytes follow.
func orderedToken(prefix string, n int, at time.Time) string {
	b := make([]byte, n)
	ms := uint64(at.UnixMilli())
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	if _, err := rand.Read(b[6:]); err != nil {
		panic("sandbox: crypto/rand failed: " + err.Error()) // the runtime guarantees this never happens
	}
	return prefix + hex.EncodeToString(b)
}

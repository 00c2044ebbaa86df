package facesign

import (
	"errors"
	"strings"
)

// Environment is the FaceSign environment a key belongs to.
type Environment string

// The two environments. A sandbox key never reaches production data and the
// sandbox-only endpoints refuse to run with a production key.
const (
	EnvSandbox    Environment = "sandbox"
	EnvProduction Environment = "production"
)

// Key prefixes FaceSign issues. sk_live_ is the older spelling of sk_prod_.
const (
	PrefixSandbox    = "sk_test_"
	PrefixProduction = "sk_prod_"
	PrefixLive       = "sk_live_"
)

// Key shape: a known prefix followed by MinKeyBodyLen to MaxKeyBodyLen
// characters of [A-Za-z0-9_-]. FaceSign does not publish its key alphabet; this
// rule accepts every key it has issued while refusing pasted junk (spaces,
// quotes, "Bearer ", line breaks) before any request is made, so a typo never
// turns into a 401 from the network or into a header-injection attempt.
const (
	MinKeyBodyLen = 8
	MaxKeyBodyLen = 200
)

// ErrInvalidKey is the cause of every error about a malformed key. The error
// never contains the key.
var ErrInvalidKey = errors.New("facesign: invalid API key")

// ParseKey reports which environment a key belongs to, or an error (wrapping
// ErrInvalidKey, and an *APIError of type authentication_error) when the key is
// not well formed. The error describes the problem without quoting the key.
func ParseKey(key string) (Environment, error) {
	prefix, env := keyPrefix(key)
	if prefix == "" {
		msg := "API key must start with sk_test_ (sandbox), sk_prod_ or sk_live_ (production)"
		if key == "" {
			msg = "API key is empty; pass a key that starts with sk_test_ (sandbox), sk_prod_ or sk_live_ (production)"
		} else if strings.HasPrefix(strings.ToLower(key), "bearer ") {
			msg = "API key must be the key alone, without the \"Bearer \" prefix"
		}
		return "", keyError(msg)
	}
	body := key[len(prefix):]
	if len(body) < MinKeyBodyLen {
		return "", keyError("API key is too short: expected at least 8 characters after " + prefix)
	}
	if len(body) > MaxKeyBodyLen {
		return "", keyError("API key is too long: expected at most 200 characters after " + prefix)
	}
	for i := 0; i < len(body); i++ {
		if !keyChar(body[i]) {
			return "", keyError("API key contains a character other than letters, digits, '_' and '-' (a stray space or quote?)")
		}
	}
	return env, nil
}

// Redact shows a key the way it may appear in logs and messages: its prefix and
// last four characters ("sk_test_…a1b2"). A key without a known prefix shows
// only its last four characters, and a short one nothing at all, because a
// short string is mostly secret.
func Redact(key string) string {
	if key == "" {
		return "(no key)"
	}
	prefix, _ := keyPrefix(key)
	body := key[len(prefix):]
	if len(body) < MinKeyBodyLen {
		if prefix == "" {
			return "…"
		}
		return prefix + "…"
	}
	return prefix + "…" + safeTail(body[len(body)-4:])
}

// safeTail keeps the shown characters printable even for garbage keys.
func safeTail(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if keyChar(s[i]) {
			b.WriteByte(s[i])
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

func keyPrefix(key string) (string, Environment) {
	switch {
	case strings.HasPrefix(key, PrefixSandbox):
		return PrefixSandbox, EnvSandbox
	case strings.HasPrefix(key, PrefixProduction):
		return PrefixProduction, EnvProduction
	case strings.HasPrefix(key, PrefixLive):
		return PrefixLive, EnvProduction
	}
	return "", ""
}

func keyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func keyError(msg string) error {
	return &APIError{Type: ErrorTypeAuthentication, Code: "invalid_api_key", Message: msg, Err: ErrInvalidKey}
}

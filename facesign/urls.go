package facesign

import (
	"net/url"
	"strings"
)

// RedactURL is a URL given by a user (a base URL, a webhook URL, an origin)
// as it may be quoted in a message or a log: its userinfo, which carries a
// password, replaced by "…@", and its query and fragment, which may carry
// tokens, dropped. It works on the text, so that a URL that does not parse
// (a bad port, a stray space) is redacted too: the userinfo is then what lies
// between "://" (or the start, past a scheme and slashes) and the last "@"
// before the next "/".
func RedactURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if u, err := url.Parse(raw); err != nil || u.User != nil || u.Host == "" {
		raw = stripUserinfo(raw)
	}
	end := len(raw)
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		end = i
	}
	// A password holding "/" ends the authority early ("https://u:pa/ss@host"
	// even parses, as host "u:pa"), so any "@" still before the query is
	// taken for the end of a userinfo: at worst a path's "@" hides too much.
	if at, start := strings.LastIndexByte(raw[:end], '@'), authorityStart(raw); at >= start {
		raw = raw[:start] + "…@" + raw[at+1:]
		end -= at + 1 - start - len("…@")
	}
	return raw[:end]
}

// authorityStart is where raw's authority begins: after "://" or, without
// one, after a leading scheme and any slashes.
func authorityStart(raw string) int {
	if i := strings.Index(raw, "://"); i >= 0 {
		return i + len("://")
	}
	start := schemeLen(raw)
	for start < len(raw) && raw[start] == '/' {
		start++
	}
	return start
}

// stripUserinfo replaces everything up to the last "@" of what reads as raw's
// authority by "…@". A password may hold "?" or "#", so neither ends the
// authority here.
func stripUserinfo(raw string) string {
	start := authorityStart(raw)
	auth := raw[start:]
	if i := strings.IndexByte(auth, '/'); i >= 0 {
		auth = auth[:i]
	}
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		return raw[:start] + "…@" + raw[start+at+1:]
	}
	return raw
}

// schemeLen is the length of raw's leading scheme with its colon ("https:"),
// as RFC 3986 spells one, or 0.
func schemeLen(raw string) int {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

package facesign

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRedactURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://user:hunter2pw@host:99/path", "https://…@host:99/path"},
		{"https://hunter2pw@host", "https://…@host"},
		{"https://user:hunter2@pw@host/a@b", "https://…@b"}, // too much hidden, never too little
		{"  https://user:hunter2pw@host  ", "https://…@host"},
		{"ftp://user:hunter2pw@example.com", "ftp://…@example.com"},
		{"https://user:hunter2pw@[::1]:x/sandbox", "https://…@[::1]:x/sandbox"},
		// Unparseable: a bad port, a space, a second "@", a "?" or "#" or a bad escape inside the password.
		{"https://user:hunter2pw@host:99x/", "https://…@host:99x/"},
		{"https://user:hun@ter2pw@host:99x/in", "https://…@host:99x/in"},
		{"https://user:hun?ter#2pw@host", "https://…@host"},
		{"https://user:hunter?2pw@host:99x/", "https://…@host:99x/"},
		{"https://user:hunter#2pw@host/", "https://…@host/"},
		{"https://user:hunter%zzpw@host/", "https://…@host/"},
		// Without "://": after the scheme and any slashes, or from the start.
		{"https:/user:hunter2pw@host/x", "https:/…@host/x"},
		{"https:user:hunter2pw@host", "https:…@host"},
		{"//user:hunter2pw@host/x", "//…@host/x"},
		{"user:hunter2pw@host", "user:…@host"},
		{"tok_hunter2pw@host:99x", "…@host:99x"},
		// Query and fragment may hold tokens.
		{"https://host/?token=hunter2pw", "https://host/"},
		{"https://host/#hunter2pw", "https://host/"},
		// An "@" in the query is dropped with it.
		// A "/" in the password ends the authority early; any "@" before the
		// query is taken for the userinfo's end, at the cost of a path's "@".
		{"https://user:pa/ss@host:99x/", "https://…@host:99x/"},
		{"https://user:12/hunter2@host/x", "https://…@host/x"},
		{"https://example.com/@me/hooks", "https://…@me/hooks"},
		{"https://example.com?x=a@b", "https://example.com"},
		{"http://[::1]:7717", "http://[::1]:7717"},
		{"not a url", "not a url"},
		{"", ""},
	} {
		got := RedactURL(tc.in)
		assert.Equal(t, tc.want, got, tc.in)
		assert.NotContains(t, got, "hunter2", tc.in)
	}
}

package hosted

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

type nonceKey struct{}

// nonceOf is the CSP nonce of the request being served.
func nonceOf(ctx context.Context) string {
	n, _ := ctx.Value(nonceKey{}).(string)
	return n
}

// frameAncestors is the CSP frame-ancestors list: the page itself, any port
// of the loopback hosts, and the origins given (--public-url,
// --allowed-origins). Browsers refuse to frame the page anywhere else.
func frameAncestors(origins []string) (string, error) {
	list := []string{"'self'"}
	for _, h := range []string{"127.0.0.1", "localhost", "[::1]"} {
		list = append(list, "http://"+h+":*", "https://"+h+":*")
	}
	for _, o := range origins {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(u.Host, " ;,'\"") {
			return "", fmt.Errorf("hosted: frame ancestor %q is not an http(s) origin", o)
		}
		list = append(list, u.Scheme+"://"+u.Host)
	}
	return strings.Join(list, " "), nil
}

// secure sets the page's security headers on every answer: a CSP that allows
// only the listener's own resources (scripts only with this request's nonce),
// framing only by the allowed ancestors, the camera and microphone for the
// page itself, and no referrer (the page's URL holds the client secret).
func (h *Handler) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [18]byte
		_, _ = rand.Read(b[:])
		nonce := base64.RawURLEncoding.EncodeToString(b[:])
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'nonce-"+nonce+"'; style-src 'self'; "+
			"img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; "+
			"form-action 'self'; base-uri 'none'; frame-ancestors "+h.ancestors)
		hd.Set("Permissions-Policy", "camera=(self), microphone=(self), autoplay=(self), geolocation=(), payment=(), usb=()")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-site")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), nonceKey{}, nonce)))
	})
}

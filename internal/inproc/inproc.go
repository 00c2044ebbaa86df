// Package inproc serves HTTP requests with a handler of this process instead
// of a socket: a client keeps HTTP's semantics (method, path, headers, body,
// status codes, the handler's errors) without a TCP connection, an encode to
// the wire and a decode from it. The command uses it so that the tools reach
// the embedded sandbox in-process, while the tools and the FaceSign client
// stay what they are, an HTTP client of a base URL.
package inproc

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Transport is an http.RoundTripper that answers every request with Handler,
// in the caller's goroutine. The response is buffered: it suits handlers of
// small, complete answers (an API), not streams.
type Transport struct {
	Handler http.Handler
	// RemoteAddr is what the handler sees as the peer; 127.0.0.1:0 when empty,
	// as the request does come from this machine.
	RemoteAddr string
}

// RoundTrip serves req with t.Handler. Like a server, it hands the handler a
// copy of the request with a body that is never nil, and closes req.Body.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL == nil {
		closeBody(req)
		return nil, fmt.Errorf("inproc: request without a URL")
	}
	if err := req.Context().Err(); err != nil {
		closeBody(req)
		return nil, err
	}
	in := req.Clone(req.Context())
	if in.Body == nil {
		in.Body = http.NoBody
	}
	defer in.Body.Close()
	in.RemoteAddr = t.RemoteAddr
	if in.RemoteAddr == "" {
		in.RemoteAddr = "127.0.0.1:0"
	}
	in.RequestURI = req.URL.RequestURI()
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	in.Proto, in.ProtoMajor, in.ProtoMinor = "HTTP/1.1", 1, 1
	w := &recorder{header: http.Header{}}
	t.Handler.ServeHTTP(w, in)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	res := &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		ContentLength: int64(w.body.Len()),
		Body:          io.NopCloser(bytes.NewReader(w.body.Bytes())),
		Request:       req,
	}
	if res.Header.Get("Content-Type") == "" && w.body.Len() > 0 {
		res.Header.Set("Content-Type", http.DetectContentType(w.body.Bytes())) // as net/http's server would
	}
	if req.Method == http.MethodHead {
		res.Body = http.NoBody
	}
	return res, nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// recorder is the http.ResponseWriter of Transport.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *recorder) Header() http.Header { return w.header }

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(p)
}

// Route sends the requests under base (same scheme and host, and a path at or
// below base's path) to in, and every other request to next.
func Route(base string, in, next http.RoundTripper) (http.RoundTripper, error) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("inproc: base %q is not an absolute http(s) URL", base)
	}
	return &router{scheme: u.Scheme, host: strings.ToLower(u.Host), path: strings.TrimRight(u.Path, "/"), in: in, next: next}, nil
}

type router struct {
	scheme, host, path string
	in, next           http.RoundTripper
}

func (r *router) RoundTrip(req *http.Request) (*http.Response, error) {
	if r.matches(req.URL) {
		return r.in.RoundTrip(req)
	}
	return r.next.RoundTrip(req)
}

func (r *router) matches(u *url.URL) bool {
	if u == nil || u.Scheme != r.scheme || !strings.EqualFold(u.Host, r.host) {
		return false
	}
	return u.Path == r.path || strings.HasPrefix(u.Path, r.path+"/")
}

// CloseIdleConnections passes http.Client.CloseIdleConnections on to next.
func (r *router) CloseIdleConnections() {
	if c, ok := r.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

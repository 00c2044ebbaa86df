package hosted

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/facesign/facesign-mcp/internal/jsondup"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

//go:embed static
var staticFS embed.FS

// SecretHeader carries the client secret on the page's own calls, so that it
// stays out of URLs (and so out of access logs) after the first load.
const SecretHeader = "X-Client-Secret"

// Limits on what the page may send.
const (
	maxJSONBytes   = 64 << 10
	MaxUploadBytes = 2 << 20 // one captured frame or document image
)

// Config configures a Handler.
type Config struct {
	Backend Backend
	// FrameAncestors are origins allowed to embed the page besides loopback
	// ones (--public-url, --allowed-origins).
	FrameAncestors []string
	Logger         *slog.Logger
}

// Handler serves /verify and everything under /verify/.
type Handler struct {
	b         Backend
	log       *slog.Logger
	ancestors string
	mux       *http.ServeMux
}

// New returns the page's handler; mount it at "/verify" and "/verify/".
func New(cfg Config) (*Handler, error) {
	if cfg.Backend == nil {
		return nil, errors.New("hosted: Config.Backend is required")
	}
	anc, err := frameAncestors(cfg.FrameAncestors)
	if err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	h := &Handler{b: cfg.Backend, log: cfg.Logger, ancestors: anc, mux: http.NewServeMux()}
	static, _ := fs.Sub(staticFS, "static")
	h.mux.Handle("GET /verify", http.HandlerFunc(h.page))
	h.mux.Handle("GET /verify/static/", http.StripPrefix("/verify/static/", cacheFor(http.FileServerFS(static))))
	h.mux.Handle("GET /verify/api/state", h.api(h.state))
	h.mux.Handle("POST /verify/api/advance", h.api(h.advance))
	h.mux.Handle("POST /verify/api/cancel", h.api(h.cancel))
	h.mux.Handle("POST /verify/api/media", h.authorised(h.upload))
	h.mux.Handle("GET /verify/media/{id}", http.HandlerFunc(h.media))
	h.mux.Handle("/verify/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, http.StatusNotFound, "not_found", "nothing at "+r.Method+" "+r.URL.Path)
	}))
	return h, nil
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("hosted page: panic", "path", r.URL.Path, "panic", fmt.Sprint(p))
			writeErr(w, http.StatusInternalServerError, "server", "the sandbox failed to answer; try again")
		}
	}()
	h.secure(h.mux).ServeHTTP(w, r)
}

// cacheFor lets browsers keep the page's scripts and styles for an hour; the
// page names them with its build's hash, so a new build is fetched at once.
func cacheFor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") { // no directory listings
			writeErr(w, http.StatusNotFound, "not_found", "nothing at "+r.Method+" /verify/static/"+r.URL.Path)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// errorCode maps a Backend error to the page's status, error code (the
// postMessage vocabulary's) and a message for the user.
func errorCode(err error) (int, string, string) {
	switch {
	case errors.Is(err, ErrSecretUnknown):
		return http.StatusNotFound, "secret_unknown", "This verification link is not valid."
	case errors.Is(err, ErrSecretExpired):
		return http.StatusGone, "secret_expired", "This verification link has expired."
	case errors.Is(err, ErrSecretReplaced):
		return http.StatusGone, "secret_replaced", "This verification link was replaced by a newer one."
	case errors.Is(err, ErrStale):
		return http.StatusConflict, "stale", "The session has already moved on; showing where it stands."
	case errors.Is(err, runner.ErrFinished):
		return http.StatusConflict, "finished", "This session is already finished."
	case errors.Is(err, runner.ErrBadInput):
		return http.StatusBadRequest, "bad_input", err.Error()
	case errors.Is(err, ErrMediaLimit):
		return http.StatusRequestEntityTooLarge, "media_limit", err.Error()
	}
	return http.StatusInternalServerError, "server", "The sandbox could not do that; try again."
}

type apiFunc func(w http.ResponseWriter, r *http.Request, secret string) (View, error)

// api wraps a JSON call that answers with the session's view.
func (h *Handler) api(fn apiFunc) http.Handler {
	return h.authorised(func(w http.ResponseWriter, r *http.Request, secret string) error {
		v, err := fn(w, r, secret)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, v)
		return nil
	})
}

// authorised wraps a JSON call: the client secret from its header, the
// error (if any) as JSON with its status and code.
func (h *Handler) authorised(fn func(w http.ResponseWriter, r *http.Request, secret string) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		secret := r.Header.Get(SecretHeader)
		if secret == "" {
			writeErr(w, http.StatusUnauthorized, "secret_unknown", "the "+SecretHeader+" header with the page's client secret is required")
			return
		}
		err := fn(w, r, secret)
		if err == nil {
			return
		}
		var be *badRequestError
		if errors.As(err, &be) {
			writeErr(w, be.status, be.code, be.msg)
			return
		}
		status, code, msg := errorCode(err)
		if status == http.StatusInternalServerError {
			h.log.Error("hosted page: call failed", "path", r.URL.Path, "err", err)
		}
		writeErr(w, status, code, msg)
	})
}

type badRequestError struct {
	status    int
	code, msg string
}

func (e *badRequestError) Error() string { return e.msg }

func bad(code, format string, args ...any) error {
	return &badRequestError{status: http.StatusBadRequest, code: code, msg: fmt.Sprintf(format, args...)}
}

func (h *Handler) state(_ http.ResponseWriter, r *http.Request, secret string) (View, error) {
	return h.b.View(r.Context(), secret)
}

// advanceBody is POST /verify/api/advance: the node the page acts on and what
// the user gave there, with the Sandbox controls in effect.
type advanceBody struct {
	NodeID     string         `json:"nodeId"`
	Outcome    string         `json:"outcome,omitempty"`
	Reply      string         `json:"reply,omitempty"`
	Email      *string        `json:"email,omitempty"`
	OTPCode    *string        `json:"otpCode,omitempty"`
	Screenshot string         `json:"screenshot,omitempty"`
	Inputs     map[string]any `json:"inputs,omitempty"`
}

func (h *Handler) advance(w http.ResponseWriter, r *http.Request, secret string) (View, error) {
	var body advanceBody
	if err := decodeJSON(w, r, &body); err != nil {
		return View{}, err
	}
	if body.NodeID == "" {
		return View{}, bad("bad_input", "nodeId is required: the node the page is acting on")
	}
	in, err := runner.ParseInputs(body.Inputs)
	if err != nil {
		return View{}, bad("bad_input", "%v", err)
	}
	if len(body.Reply) > 4000 {
		return View{}, bad("bad_input", "the reply is longer than 4000 characters")
	}
	if body.Screenshot != "" && !strings.HasPrefix(body.Screenshot, MediaScheme) {
		return View{}, bad("bad_input", "screenshot must be a reference returned by /verify/api/media")
	}
	return h.b.Advance(r.Context(), secret, Step{NodeID: body.NodeID, Input: runner.Input{
		Outcome: body.Outcome, Reply: strings.TrimSpace(body.Reply), Email: body.Email, OTPCode: body.OTPCode,
		Screenshot: body.Screenshot, Inputs: in,
	}})
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request, secret string) (View, error) {
	var body struct {
		Reason string `json:"reason"`
	}
	if err := decodeJSON(w, r, &body); err != nil {
		return View{}, err
	}
	if len(body.Reason) > 200 {
		return View{}, bad("bad_input", "reason is longer than 200 characters")
	}
	return h.b.Cancel(r.Context(), secret, body.Reason)
}

// MediaScheme prefixes a stored media reference in a session's state; the
// sandbox turns it into a signed URL whenever it answers with the session.
const MediaScheme = "sandbox-media:"

// allowedImages are the types an upload may have, by its sniffed bytes.
var allowedImages = map[string]bool{"image/jpeg": true, "image/png": true, "image/webp": true}

// upload is POST /verify/api/media?node=ID&kind=screenshot|document with the
// image as the body; it answers 201 {"ref": "sandbox-media:…"}.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request, secret string) error {
	node, kind := r.URL.Query().Get("node"), r.URL.Query().Get("kind")
	if node == "" {
		return bad("bad_input", "the node query parameter is required")
	}
	if kind != "screenshot" && kind != "document" {
		return bad("bad_input", "kind must be screenshot or document, not %q", kind)
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxUploadBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &badRequestError{status: http.StatusRequestEntityTooLarge, code: "too_large",
				msg: fmt.Sprintf("the image is larger than the limit of %d bytes", MaxUploadBytes)}
		}
		return bad("bad_input", "could not read the image: %v", err)
	}
	if len(data) == 0 {
		return bad("bad_input", "the image is empty")
	}
	ct := http.DetectContentType(data)
	if !allowedImages[ct] {
		return &badRequestError{status: http.StatusUnsupportedMediaType, code: "bad_type",
			msg: fmt.Sprintf("the upload is %s; only JPEG, PNG or WebP images are accepted", ct)}
	}
	ref, err := h.b.SaveMedia(r.Context(), secret, Upload{NodeID: node, Kind: kind, ContentType: ct, Data: data})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"ref": ref})
	return nil
}

// media is GET /verify/media/{id}?exp=…&sig=…: a stored image for whoever
// holds its signed URL until it expires, with no other credential.
func (h *Handler) media(w http.ResponseWriter, r *http.Request) {
	exp, err := strconv.ParseInt(r.URL.Query().Get("exp"), 10, 64)
	if err != nil {
		writeErr(w, http.StatusNotFound, "not_found", "no such media (the URL is incomplete)")
		return
	}
	ct, data, err := h.b.Media(r.Context(), r.PathValue("id"), exp, r.URL.Query().Get("sig"))
	if err != nil {
		if !errors.Is(err, ErrMediaNotFound) {
			h.log.Error("hosted page: read media", "err", err)
			writeErr(w, http.StatusInternalServerError, "server", "could not read the media")
			return
		}
		writeErr(w, http.StatusNotFound, "not_found", "no such media, or its link has expired; fetch the session again for a fresh link")
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, max-age=300")
	// The URL is the credential: embedding apps on any origin (an exported
	// app on localhost, the integrator's https site) show the image.
	w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBytes))
	if err != nil {
		return bad("bad_input", "the request body could not be read: %v", err)
	}
	// encoding/json would keep the last of two equal keys without a word.
	if ptr, dup := jsondup.First(data); dup {
		return bad("bad_input", "the request body repeats the key at %s; give each key once", ptr)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return bad("bad_input", "the request body is not the expected JSON: %v", err)
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":{"code":"server","message":"could not encode the answer"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

// page is GET /verify?client_secret=…: the page for the secret's session, or
// a page that says why there is none, with its status.
func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	secret := r.URL.Query().Get("client_secret")
	var comp templ.Component
	status := http.StatusOK
	if secret == "" {
		status = http.StatusBadRequest
		comp = errorPage(nonceOf(r.Context()), "secret_unknown", "This verification link is incomplete.",
			"The link has no client_secret. The app that sent you here should open clientSecret.url as FaceSign returned it.")
	} else if v, err := h.b.View(r.Context(), secret); err != nil {
		var code, msg string
		status, code, msg = errorCode(err)
		if status == http.StatusInternalServerError {
			h.log.Error("hosted page: load session", "err", err)
		}
		comp = errorPage(nonceOf(r.Context()), code, msg, advice(code))
	} else {
		comp = sessionPage(nonceOf(r.Context()), v)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := comp.Render(r.Context(), w); err != nil {
		h.log.Warn("hosted page: render", "err", err)
	}
}

// advice tells the user, and the integrator reading along, what to do.
func advice(code string) string {
	switch code {
	case "secret_expired", "secret_replaced":
		return "Client secrets last an hour, and a refresh replaces the previous one. The app that embeds this page gets a fresh link with GET /sessions/{id}/refresh and reloads the page with the new clientSecret.url."
	case "secret_unknown":
		return "Check that the whole link was copied. The app that embeds this page should use clientSecret.url exactly as POST /sessions or GET /sessions/{id}/refresh returned it."
	}
	return "Try again in a moment."
}

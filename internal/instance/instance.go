// Package instance lets the server that owns a data directory prove it to
// another facesign-mcp process of the same user, so that a stdio process which
// finds its port taken can share that server's sandbox instead of opening the
// database a second time, and never hands keys to a stranger on the port.
package instance

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// A stdio server that finds its --addr taken may use the facesign-mcp there
// instead of opening the data dir's sandbox a second time (two processes on
// one sandbox database would each cache and write it). It must not take the
// word of whatever answers /healthz: another local user can squat the port,
// and would then receive every sk_test_ key the user sets and could write
// into tool results. So the server that owns a data dir publishes a secret
// only its user can read, and proves it knows that secret.

// FileName, in the data dir, names the listener that serves the data
// dir's sandbox and the secret it proves itself with. It exists while that
// server runs; a crash leaves a stale one, whose secret nobody can prove.
const FileName = "instance.json"

// maxNonceLen bounds the /healthz challenge a server answers.
const maxNonceLen = 128

type record struct {
	Addr   string `json:"addr"`
	Secret string `json:"secret"` // hex, 32 random bytes
	PID    int    `json:"pid"`
}

// Instance is this process's claim on a data dir: its per-start secret, and
// the file it published (if any).
type Instance struct {
	secret []byte
	path   string
}

func New() *Instance {
	secret := make([]byte, 32)
	_, _ = rand.Read(secret) // never fails (crypto/rand panics rather)
	return &Instance{secret: secret}
}

// Proof is the answer to a /healthz challenge: HMAC-SHA256 over the nonce,
// in a context of its own so that the MAC is good for nothing else.
func Proof(secret []byte, nonce string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("facesign-mcp healthz proof v1\x00" + nonce))
	return hex.EncodeToString(m.Sum(nil))
}

// Publish writes the instance file for a listener at addr into dir: mode
// 0600, by a rename so that a reader never sees half of it.
func (in *Instance) Publish(dir, addr string) error {
	data, err := json.Marshal(record{Addr: addr, Secret: hex.EncodeToString(in.secret), PID: os.Getpid()})
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".instance-*.json") // created 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	path := filepath.Join(dir, FileName)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	in.path = path
	return nil
}

// Remove deletes the published file if it is still this instance's.
func (in *Instance) Remove() {
	if in == nil || in.path == "" {
		return
	}
	if rec, err := readFile(in.path); err == nil && rec.Secret == hex.EncodeToString(in.secret) {
		_ = os.Remove(in.path)
	}
	in.path = ""
}

func readFile(path string) (record, error) {
	var rec record
	data, err := os.ReadFile(path)
	if err != nil {
		return rec, err
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, fmt.Errorf("%s is not an instance file: %w", path, err)
	}
	return rec, nil
}

// ErrUnproven is the cause of every refusal to use a server on a taken port.
var ErrUnproven = errors.New("not proven to be this user's facesign-mcp for this data dir")

// Prove checks that the server (named server in its /healthz) on the taken address addr is the
// facesign-mcp that owns dir, for this user: dir's instance file must be a
// regular file of this user's with mode 0600, name a loopback listener on
// addr's port, and the server there must answer a fresh challenge with the
// file's secret. It returns the address to reach that server at. The file's
// address is dialled, not addr: it is the one the secret's owner is bound
// to, so nothing else can answer there (a squatter on another loopback
// address with the same port cannot relay the challenge to it).
func Prove(ctx context.Context, server, dir, addr string) (string, error) {
	path := filepath.Join(dir, FileName)
	fi, err := os.Lstat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%w: no %s in the data dir (no facesign-mcp serves it)", ErrUnproven, FileName)
		}
		return "", fmt.Errorf("%w: %v", ErrUnproven, err)
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		return "", fmt.Errorf("%w: %s is not a regular file with mode 0600 (%v)", ErrUnproven, path, fi.Mode())
	}
	if err := ownedByMe(fi); err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrUnproven, path, err)
	}
	rec, err := readFile(path)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnproven, err)
	}
	secret, err := hex.DecodeString(rec.Secret)
	if err != nil || len(secret) < 16 {
		return "", fmt.Errorf("%w: %s holds no usable secret", ErrUnproven, path)
	}
	_, wantPort, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("%w: --addr %q: %v", ErrUnproven, addr, err)
	}
	_, port, err := net.SplitHostPort(rec.Addr)
	if err != nil || port != wantPort {
		return "", fmt.Errorf("%w: the data dir's server listens on %s, not on port %s", ErrUnproven, rec.Addr, wantPort)
	}
	at := reachable(rec.Addr)
	if !isLoopback(at) {
		return "", fmt.Errorf("%w: the data dir's server listens on %s, not on loopback", ErrUnproven, rec.Addr)
	}
	nonce := rand.Text()
	got, err := challenge(ctx, server, at, nonce)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnproven, err)
	}
	if !hmac.Equal([]byte(got), []byte(Proof(secret, nonce))) {
		return "", fmt.Errorf("%w: the server at %s does not know the data dir's secret", ErrUnproven, at)
	}
	return at, nil
}

// challenge asks addr's /healthz to prove itself for nonce.
func challenge(ctx context.Context, server, addr, nonce string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz?nonce="+url.QueryEscape(nonce), nil)
	if err != nil {
		return "", err
	}
	// No redirects: the answer must come from addr itself.
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		Server string `json:"server"`
		Proof  string `json:"proof"`
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("/healthz at %s answered %d", addr, resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&body); err != nil || body.Server != server {
		return "", fmt.Errorf("%s does not answer /healthz as a facesign-mcp", addr)
	}
	if body.Proof == "" {
		return "", fmt.Errorf("the server at %s gave no proof", addr)
	}
	return body.Proof, nil
}

// Healthz answers liveness probes as server at version; the body identifies this program, and a
// challenge (?nonce=…) is answered with the proof that this is the server
// that owns its data dir (see Prove). in is nil when the listener
// serves no data dir of its own.
func Healthz(in *Instance, server, version string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body := map[string]string{"status": "ok", "server": server, "version": version}
		if nonce := r.URL.Query().Get("nonce"); nonce != "" && in != nil {
			if len(nonce) > maxNonceLen {
				http.Error(w, fmt.Sprintf("nonce longer than %d characters", maxNonceLen), http.StatusBadRequest)
				return
			}
			body["proof"] = Proof(in.secret, nonce)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(body)
	}
}

// reachable is where a listener on addr can be reached from this machine: an
// unspecified host (":7717", "0.0.0.0:7717", "[::]:7717") by 127.0.0.1.
func reachable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip, err := netip.ParseAddr(host); host == "" || (err == nil && ip.IsUnspecified()) {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return addr
}

// isLoopback reports whether addr's host is a loopback IP address: the only
// listeners whose secret can have been written by this machine's user.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

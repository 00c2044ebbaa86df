package main

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
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/facesign/facesign-mcp/tools"
)

// A stdio server that finds its --addr taken may use the facesign-mcp there
// instead of opening the data dir's sandbox a second time (two processes on
// one sandbox database would each cache and write it). It must not take the
// word of whatever answers /healthz: another local user can squat the port,
// and would then receive every sk_test_ key the user sets and could write
// into tool results. So the server that owns a data dir publishes a secret
// only its user can read, and proves it knows that secret.

// instanceFile, in the data dir, names the listener that serves the data
// dir's sandbox and the secret it proves itself with. It exists while that
// server runs; a crash leaves a stale one, whose secret nobody can prove.
const instanceFile = "instance.json"

// maxNonceLen bounds the /healthz challenge a server answers.
const maxNonceLen = 128

type instanceRecord struct {
	Addr   string `json:"addr"`
	Secret string `json:"secret"` // hex, 32 random bytes
	PID    int    `json:"pid"`
}

// instance is this process's claim on a data dir: its per-start secret, and
// the file it published (if any).
type instance struct {
	secret []byte
	path   string
}

func newInstance() *instance {
	secret := make([]byte, 32)
	_, _ = rand.Read(secret) // never fails (crypto/rand panics rather)
	return &instance{secret: secret}
}

// proof is the answer to a /healthz challenge: HMAC-SHA256 over the nonce,
// in a context of its own so that the MAC is good for nothing else.
func proof(secret []byte, nonce string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("facesign-mcp healthz proof v1\x00" + nonce))
	return hex.EncodeToString(m.Sum(nil))
}

// publish writes the instance file for a listener at addr into dir: mode
// 0600, by a rename so that a reader never sees half of it.
func (in *instance) publish(dir, addr string) error {
	data, err := json.Marshal(instanceRecord{Addr: addr, Secret: hex.EncodeToString(in.secret), PID: os.Getpid()})
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
	path := filepath.Join(dir, instanceFile)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	in.path = path
	return nil
}

// remove deletes the published file if it is still this instance's.
func (in *instance) remove() {
	if in == nil || in.path == "" {
		return
	}
	if rec, err := readInstanceFile(in.path); err == nil && rec.Secret == hex.EncodeToString(in.secret) {
		_ = os.Remove(in.path)
	}
	in.path = ""
}

// publishInstance publishes in for the data dir of f and logs, rather than
// fails, when it cannot: the server works; a stdio server that finds the port
// taken will then refuse to use it.
func publishInstance(in *instance, f *serverFlags, listenAddr string, log *slog.Logger) {
	dir, err := dataDirOf(f)
	if err == nil {
		err = in.publish(dir, listenAddr)
	}
	if err != nil {
		log.Warn("cannot write the instance file; a facesign-mcp stdio on this --addr will not use this server", "err", err)
	}
}

func readInstanceFile(path string) (instanceRecord, error) {
	var rec instanceRecord
	data, err := os.ReadFile(path)
	if err != nil {
		return rec, err
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, fmt.Errorf("%s is not an instance file: %w", path, err)
	}
	return rec, nil
}

// errUnproven is the cause of every refusal to use a server on a taken port.
var errUnproven = errors.New("not proven to be this user's facesign-mcp for this data dir")

// proveInstance checks that the server on the taken address addr is the
// facesign-mcp that owns dir, for this user: dir's instance file must be a
// regular file of this user's with mode 0600, name a loopback listener on
// addr's port, and the server there must answer a fresh challenge with the
// file's secret. It returns the address to reach that server at. The file's
// address is dialled, not addr: it is the one the secret's owner is bound
// to, so nothing else can answer there (a squatter on another loopback
// address with the same port cannot relay the challenge to it).
func proveInstance(ctx context.Context, dir, addr string) (string, error) {
	path := filepath.Join(dir, instanceFile)
	fi, err := os.Lstat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%w: no %s in the data dir (no facesign-mcp serves it)", errUnproven, instanceFile)
		}
		return "", fmt.Errorf("%w: %v", errUnproven, err)
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		return "", fmt.Errorf("%w: %s is not a regular file with mode 0600 (%v)", errUnproven, path, fi.Mode())
	}
	if err := ownedByMe(fi); err != nil {
		return "", fmt.Errorf("%w: %s: %v", errUnproven, path, err)
	}
	rec, err := readInstanceFile(path)
	if err != nil {
		return "", fmt.Errorf("%w: %v", errUnproven, err)
	}
	secret, err := hex.DecodeString(rec.Secret)
	if err != nil || len(secret) < 16 {
		return "", fmt.Errorf("%w: %s holds no usable secret", errUnproven, path)
	}
	_, wantPort, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("%w: --addr %q: %v", errUnproven, addr, err)
	}
	_, port, err := net.SplitHostPort(rec.Addr)
	if err != nil || port != wantPort {
		return "", fmt.Errorf("%w: the data dir's server listens on %s, not on port %s", errUnproven, rec.Addr, wantPort)
	}
	at := selfAddr(rec.Addr)
	if !tools.IsLoopbackAddr(at) {
		return "", fmt.Errorf("%w: the data dir's server listens on %s, not on loopback", errUnproven, rec.Addr)
	}
	nonce := rand.Text()
	got, err := challenge(ctx, at, nonce)
	if err != nil {
		return "", fmt.Errorf("%w: %v", errUnproven, err)
	}
	if !hmac.Equal([]byte(got), []byte(proof(secret, nonce))) {
		return "", fmt.Errorf("%w: the server at %s does not know the data dir's secret", errUnproven, at)
	}
	return at, nil
}

// challenge asks addr's /healthz to prove itself for nonce.
func challenge(ctx context.Context, addr, nonce string) (string, error) {
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
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&body); err != nil || body.Server != tools.ServerName {
		return "", fmt.Errorf("%s does not answer /healthz as a facesign-mcp", addr)
	}
	if body.Proof == "" {
		return "", fmt.Errorf("the server at %s gave no proof", addr)
	}
	return body.Proof, nil
}

// healthz answers liveness probes; the body identifies this program, and a
// challenge (?nonce=…) is answered with the proof that this is the server
// that owns its data dir (see proveInstance). in is nil when the listener
// serves no data dir of its own.
func healthz(in *instance) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body := map[string]string{"status": "ok", "server": tools.ServerName, "version": appVersion()}
		if nonce := r.URL.Query().Get("nonce"); nonce != "" && in != nil {
			if len(nonce) > maxNonceLen {
				http.Error(w, fmt.Sprintf("nonce longer than %d characters", maxNonceLen), http.StatusBadRequest)
				return
			}
			body["proof"] = proof(in.secret, nonce)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(body)
	}
}

// Package sandbox is the embedded FaceSign emulator: the REST API of
// docs/facesign-api.md served from a SQLite store, a flow runner that walks
// sessions through their flows, and a webhook sender. It is reached over HTTP by
// the same client that reaches production; nothing imports it but the command.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/netguard"
	"github.com/facesign/facesign-mcp/sandbox/hosted"
)

// WebhookConfig is an endpoint registered for every account (the --webhook flag).
type WebhookConfig struct {
	URL    string
	Secret string
}

// Config configures a Sandbox. Only DataDir is required.
type Config struct {
	// DataDir holds the database file (sandbox.db).
	DataDir string
	// BasePath is where Handler serves the API, "/sandbox" by default; "" is not
	// allowed, use "/" for the root.
	BasePath string
	// PublicURL is where the listener is reached from a browser; clientSecret.url is
	// PublicURL + "/verify?client_secret=…". Default http://127.0.0.1:7717.
	PublicURL string
	// RateLimit is the number of requests per minute per account; 0 turns it off.
	RateLimit int
	// WebhookRetrySchedule is the wait before each retry (default 5s, 30s, 2m, 10m, 1h);
	// after the last one a delivery is failed.
	WebhookRetrySchedule []time.Duration
	// WebhookRetryScale multiplies the schedule (tests use 0.001); 0 means 1.
	WebhookRetryScale float64
	// WebhookTimeout bounds one delivery attempt (default 10s).
	WebhookTimeout time.Duration
	// MaxBodyBytes bounds request bodies (default 1 MiB); larger ones get 413.
	MaxBodyBytes int64
	// SecretTTL is how long a client secret lives (default 1h).
	SecretTTL time.Duration
	// ExpireUnusedAfter cancels a session nobody started after this long since its
	// last secret was issued (default 24h).
	ExpireUnusedAfter time.Duration
	// AbandonAfter cancels a started session with no progress for this long (default 1h).
	AbandonAfter time.Duration
	// JanitorInterval is how often expiry runs (default 1 minute); negative disables it.
	JanitorInterval time.Duration
	// Logger receives the sandbox's logs (default slog.Default()).
	Logger *slog.Logger
	// Clock is the sandbox's notion of now (default time.Now): session times,
	// secret expiry, the janitor's deadlines and when webhook retries fall due.
	// Signatures always carry the real time, which receivers check.
	Clock func() time.Time
	// DefaultWebhooks are registered for every account, existing and new.
	DefaultWebhooks []WebhookConfig
	// AllowPrivateWebhooks lets webhook URLs reach private-network addresses
	// (a receiver on the LAN). Loopback is always allowed, link-local and
	// cloud-metadata addresses never.
	AllowPrivateWebhooks bool
	// MaxWebhookEndpoints caps the live endpoints of one account (default
	// 16): every event goes to every endpoint.
	MaxWebhookEndpoints int
	// WebhookResolver resolves the hosts of webhook URLs (nil: the system
	// resolver). Tests stub it; whatever it answers, the address is judged by
	// the policy when the sender dials it.
	WebhookResolver netguard.Resolver
	// FrameAncestors are the origins allowed to embed the hosted page besides
	// loopback ones and PublicURL's (--public-url, --allowed-origins).
	FrameAncestors []string
	// MediaURLTTL is how long a signed media URL in a report lives (default 1h).
	MediaURLTTL time.Duration
}

// DefaultMaxWebhookEndpoints is Config.MaxWebhookEndpoints' default.
const DefaultMaxWebhookEndpoints = 16

// DefaultRetrySchedule is the contract's webhook retry schedule.
func DefaultRetrySchedule() []time.Duration {
	return []time.Duration{5 * time.Second, 30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour}
}

// Sandbox is a running emulator. Its methods are safe for concurrent use.
type Sandbox struct {
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
	db     *store
	writer *groupWriter
	stmts  prepared
	// lastCreated is the newest created_at stored (Unix ms); only the writer
	// goroutine touches it.
	lastCreated int64
	flows       *flowCache   // flows creates sent, checked once each
	accounts    accountCache // key hash → account, the least recently used evicted beyond 10,000
	limiter     *rateLimiter
	counts      countCache // includeTotal's totals, by filters and sessions_version
	matches     matchCache // rare search terms' matches, by sessions_version (searchMatches)
	scanBudget  int        // see defaultScanBudget
	rareMatches int        // see defaultRareMatches
	// listTrace, when set (by tests), sees every SQL query a list runs.
	listTrace func(query string, args []any)
	handler   http.Handler
	page      http.Handler // the hosted page, /verify
	media     *mediaSigner

	// webhooks sends deliveries: no redirects, no proxy, forbidden addresses
	// refused at dial time. Not configurable, so no caller can loosen that.
	webhooks *http.Client

	wake      chan struct{} // nudges the webhook sender when deliveries are queued
	queued    atomic.Bool   // a write queued deliveries since the sender was last woken
	flights   *flights      // deliveries being attempted now, or landed since a claim began
	stop      context.CancelFunc
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// New opens (or creates) the sandbox's store under cfg.DataDir, resumes pending
// webhook deliveries and starts the janitor. Close releases it all.
func New(ctx context.Context, cfg Config) (*Sandbox, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	db, err := openStore(ctx, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	stmts, err := prepareAll(ctx, db.w, hotStatements)
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &Sandbox{cfg: cfg, log: cfg.Logger, webhooks: newWebhookClient(cfg.WebhookTimeout, webhookPolicy(cfg.AllowPrivateWebhooks), cfg.WebhookResolver), now: cfg.Clock, db: db, stmts: stmts, writer: newGroupWriter(db.w, db.ckpt, stmts, cfg.Logger),
		wake: make(chan struct{}, 1), flights: newFlights(), flows: newFlowCache(), scanBudget: defaultScanBudget, rareMatches: defaultRareMatches}
	if err := db.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(created_at), 0) FROM sessions`).Scan(&s.lastCreated); err != nil {
		s.writer.close()
		stmts.close()
		db.Close()
		return nil, fmt.Errorf("sandbox: read the store: %w", err)
	}
	if cfg.RateLimit > 0 {
		s.limiter = newRateLimiter(cfg.RateLimit, cfg.Clock)
	}
	if err := s.registerDefaultWebhooksEverywhere(ctx); err != nil {
		s.writer.close()
		stmts.close()
		db.Close()
		return nil, err
	}
	if s.media, err = loadMediaSigner(ctx, db.w, cfg.PublicURL, cfg.MediaURLTTL); err != nil {
		s.writer.close()
		stmts.close()
		db.Close()
		return nil, err
	}
	page, err := hosted.New(hosted.Config{Backend: pageBackend{s}, FrameAncestors: append([]string{cfg.PublicURL}, cfg.FrameAncestors...), Logger: cfg.Logger})
	if err != nil {
		s.writer.close()
		stmts.close()
		db.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	s.page = page
	s.handler = s.routes()
	bg, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop = stop
	s.wg.Add(1)
	go func() { defer s.wg.Done(); s.runSender(bg) }()
	if cfg.JanitorInterval > 0 {
		s.wg.Add(1)
		go func() { defer s.wg.Done(); s.runJanitor(bg) }()
	}
	return s, nil
}

func (c *Config) fill() error {
	if c.DataDir == "" {
		return errors.New("sandbox: Config.DataDir is required")
	}
	if c.BasePath == "" {
		c.BasePath = "/sandbox"
	}
	if !strings.HasPrefix(c.BasePath, "/") {
		return fmt.Errorf("sandbox: BasePath %q must start with /", c.BasePath)
	}
	c.BasePath = strings.TrimRight(c.BasePath, "/")
	if c.PublicURL == "" {
		c.PublicURL = "http://127.0.0.1:7717"
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("sandbox: PublicURL %q must be an absolute http(s) URL", facesign.RedactURL(c.PublicURL))
	}
	c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	if c.RateLimit < 0 {
		return fmt.Errorf("sandbox: RateLimit %d must be 0 (off) or positive", c.RateLimit)
	}
	if len(c.WebhookRetrySchedule) == 0 {
		c.WebhookRetrySchedule = DefaultRetrySchedule()
	}
	if c.WebhookRetryScale == 0 {
		c.WebhookRetryScale = 1
	}
	if c.WebhookRetryScale < 0 {
		return errors.New("sandbox: WebhookRetryScale must be positive")
	}
	if c.WebhookTimeout <= 0 {
		c.WebhookTimeout = 10 * time.Second
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.SecretTTL <= 0 {
		c.SecretTTL = time.Hour
	}
	if c.MaxWebhookEndpoints <= 0 {
		c.MaxWebhookEndpoints = DefaultMaxWebhookEndpoints
	}
	if c.ExpireUnusedAfter <= 0 {
		c.ExpireUnusedAfter = 24 * time.Hour
	}
	if c.AbandonAfter <= 0 {
		c.AbandonAfter = time.Hour
	}
	if c.MediaURLTTL <= 0 {
		c.MediaURLTTL = time.Hour
	}
	if c.JanitorInterval == 0 {
		c.JanitorInterval = time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	for i, w := range c.DefaultWebhooks {
		if err := checkWebhookURL(w.URL, webhookPolicy(c.AllowPrivateWebhooks)); err != nil {
			return fmt.Errorf("sandbox: DefaultWebhooks[%d]: %s", i, err.Message)
		}
		if w.Secret == "" {
			return fmt.Errorf("sandbox: DefaultWebhooks[%d] needs a secret", i)
		}
	}
	return nil
}

// Handler serves the API under Config.BasePath. It is meant to be mounted on a
// mux beside other handlers; it answers only paths under BasePath.
func (s *Sandbox) Handler() http.Handler { return s.handler }

// Close stops the webhook sender and the janitor and closes the store. Pending
// deliveries stay in the store and resume on the next New.
func (s *Sandbox) Close() error {
	s.closeOnce.Do(func() {
		s.stop()
		s.wg.Wait()
		s.writer.close()
		s.stmts.close()
		s.closeErr = s.db.Close()
	})
	return s.closeErr
}

// write runs fn in a write transaction, committed together with other writes
// queued at the same time; it returns after the commit.
func (s *Sandbox) write(ctx context.Context, fn func(tx wtx) error) error {
	return s.writer.do(ctx, nil, fn)
}

func (s *Sandbox) nowMs() int64 { return s.now().UnixMilli() }

// limitBody caps a request body; reading past the cap fails with *http.MaxBytesError.
func (s *Sandbox) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Type: typeValidation, Code: "body_too_large",
				Message: fmt.Sprintf("request body is larger than the limit of %d bytes", s.cfg.MaxBodyBytes)}
		}
		return nil, badRequest("unreadable_body", "could not read the request body: "+err.Error())
	}
	return body, nil
}

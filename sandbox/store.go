package sandbox

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go, no cgo)
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DBFile is the name of the sandbox's database inside its data directory.
const DBFile = "sandbox.db"

// store is the sandbox's SQLite database. Writes go through a single connection
// (SQLite has one writer anyway; queueing in Go avoids SQLITE_BUSY storms), reads
// through a pool that WAL lets run beside the writer.
type store struct {
	w    *sql.DB
	r    *readPool
	ckpt *sql.DB // the checkpoints' own connection (see checkpointer)
}

// readPool is the read connections with the hot reads prepared once: a
// *sql.Stmt of a *sql.DB is safe for concurrent use and prepares itself once
// per connection, where QueryRowContext with SQL text would prepare every call
// (most of a GET's cost). Other queries pass through.
type readPool struct {
	*sql.DB
	stmts prepared
	// adhoc counts queries that ran unprepared, so that a test can hold the hot
	// paths to prepared statements; reads counts every query, so that a test
	// can hold a path to its number of reads.
	adhoc, reads atomic.Int64
}

// hotReads are the queries of GET /sessions/{id} and the hosted page.
var hotReads = []string{sqlGetSession, sqlSessionBySecret, sqlSessionForSecret}

func (r *readPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	r.reads.Add(1)
	if st, ok := r.stmts[q]; ok {
		return st.QueryRowContext(ctx, args...)
	}
	r.adhoc.Add(1)
	return r.DB.QueryRowContext(ctx, q, args...)
}

func (r *readPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	r.reads.Add(1)
	if st, ok := r.stmts[q]; ok {
		return st.QueryContext(ctx, args...)
	}
	r.adhoc.Add(1)
	return r.DB.QueryContext(ctx, q, args...)
}

func (r *readPool) Close() error {
	r.stmts.close()
	return r.DB.Close()
}

// connRole is what a connection of the store is for.
type connRole int

const (
	roleWriter connRole = iota
	roleReader
	roleCheckpointer
)

func dsn(path string, role connRole) string {
	q := url.Values{}
	if role == roleCheckpointer {
		// A forced restart (see walRestartPages) holds the writer while it
		// waits for readers, who may keep coming: each wait gives up after
		// 100 ms and the restart is tried again at the next checkpoint,
		// rather than the writer waiting up to its own 10 s and failing
		// writes.
		q.Add("_pragma", "busy_timeout(100)")
	} else {
		q.Add("_pragma", "busy_timeout(10000)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	// NORMAL in WAL mode survives a process crash (what the crash test proves); only
	// a power cut can lose the last commits, which a sandbox can accept.
	q.Add("_pragma", "synchronous(NORMAL)")
	switch role {
	case roleReader:
		q.Add("_pragma", "query_only(1)")
		// Reads map the file (up to 1 GiB of it) instead of a pread per page
		// they miss in their 2 MB cache: at 100,000 sessions (650 MB) an
		// unfiltered page's p50 went 1.8 → 1.3 ms and a rare term's total
		// read from its matches 7 → 5 ms (BENCHMARKS.md).
		q.Add("_pragma", "mmap_size(1073741824)")
	case roleWriter:
		q.Set("_txlock", "immediate")
		// The checkpointer runs checkpoints beside the writer (see
		// checkpointer); SQLite's own, at the end of a commit that leaves the
		// WAL longer than this, is only a backstop should it fall behind.
		q.Add("_pragma", "wal_autocheckpoint(100000)")
		// A WAL that grew (a long read held it) shrinks back to 64 MB when it
		// starts over.
		q.Add("_pragma", "journal_size_limit(67108864)")
		// Statement journals (a multi-row statement inside a transaction)
		// stay in memory instead of temporary files: a batch of writes is a
		// few hundred KB at most.
		q.Add("_pragma", "temp_store(MEMORY)")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

func openStore(ctx context.Context, dir string) (*store, error) {
	if dir == "" {
		return nil, errors.New("sandbox: DataDir is required")
	}
	// A directory the store creates is the owner's alone. One that exists is
	// left as it is: --data-dir may name the user's own folder, whose mode
	// is theirs to choose; the files below are what hold the secrets.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("sandbox: create data directory: %w", err)
	}
	path := filepath.Join(dir, DBFile)
	// The store holds webhook and client secrets: owner-only, including what
	// an older version or another tool left readable. SQLite gives new -wal
	// and -shm files the database file's permissions, but reuses existing ones.
	for _, p := range []struct {
		path string
		want fs.FileMode
	}{
		{path, 0o600}, {path + "-wal", 0o600}, {path + "-shm", 0o600}, {path + "-journal", 0o600},
	} {
		if err := makePrivate(p.path, p.want); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sandbox: open database %s: %w", path, err)
	}
	f.Close()
	w, err := sql.Open("sqlite", dsn(path, roleWriter))
	if err != nil {
		return nil, fmt.Errorf("sandbox: open database: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if _, err := w.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		w.Close()
		return nil, fmt.Errorf("sandbox: enable WAL on %s: %w", path, err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	if err := keyFaces(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("sandbox: key enrolled faces: %w", err)
	}
	r, err := sql.Open("sqlite", dsn(path, roleReader))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sandbox: open database: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	r.SetConnMaxIdleTime(0)
	stmts, err := prepareAll(ctx, r, hotReads)
	if err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	ckpt, err := sql.Open("sqlite", dsn(path, roleCheckpointer))
	if err != nil {
		stmts.close()
		r.Close()
		w.Close()
		return nil, fmt.Errorf("sandbox: open database: %w", err)
	}
	ckpt.SetMaxOpenConns(1)
	ckpt.SetConnMaxLifetime(0)
	return &store{w: w, r: &readPool{DB: r, stmts: stmts}, ckpt: ckpt}, nil
}

// makePrivate gives one of the store's files the mode want, leaving one that
// does not exist yet to be created. A link is not followed: see privateMode.
func makePrivate(path string, want fs.FileMode) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	chmod, err := privateMode(path, fi.Mode(), ownedByUs(fi), want)
	if err != nil || !chmod {
		return err
	}
	if err := os.Chmod(path, want.Perm()); err != nil {
		return fmt.Errorf("sandbox: make %s private (mode %04o): %w", path, want.Perm(), err)
	}
	return nil
}

// privateMode decides what opening the store does about one of its files,
// which has mode and is owned by this user or not: want is the permissions it
// must have. It returns whether to chmod the file to want, or why the store
// must not open. A file of another user's (only root can open one) is refused
// when it is readable beyond its owner, as this user cannot make it private;
// anything but a regular file is refused, a symbolic link above all, as it
// could point the secrets anywhere.
func privateMode(path string, mode fs.FileMode, owned bool, want fs.FileMode) (chmod bool, err error) {
	switch {
	case mode.IsRegular():
	case mode&fs.ModeSymlink != 0:
		return false, fmt.Errorf("sandbox: %s is a symbolic link: the store holds webhook and client secrets, so its files must be regular files in the data directory", path)
	default:
		return false, fmt.Errorf("sandbox: %s is not a regular file (mode %s)", path, mode)
	}
	switch perm := mode.Perm(); {
	case perm == want.Perm():
		return false, nil
	case owned:
		return true, nil
	case perm&^want.Perm() == 0:
		return false, nil // private to its owner already
	default:
		return false, fmt.Errorf("sandbox: %s has mode %04o and belongs to another user, so it cannot be made private (%04o): "+
			"the store holds webhook and client secrets; have its owner chmod it, or use another data directory", path, perm, want.Perm())
	}
}

func (s *store) Close() error {
	return errors.Join(s.r.Close(), s.ckpt.Close(), s.w.Close())
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("sandbox: migration %q is not named NNNN_name.sql", e.Name())
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, e.Name(), string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies the embedded migrations that the database has not seen, each in
// its own transaction, so a database is always at a version the code knows.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sandbox: migrations table: %w", err)
	}
	var current int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("sandbox: read schema version: %w", err)
	}
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	if n := len(ms); n > 0 && current > ms[n-1].version {
		return fmt.Errorf("sandbox: database schema version %d is newer than this program (%d); upgrade facesign-mcp", current, ms[n-1].version)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		err := inTx(ctx, db, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name) VALUES (?, ?)`, m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("sandbox: migration %s: %w", m.name, err)
		}
	}
	return nil
}

// inTx runs fn in a transaction and commits it; any error rolls back.
func inTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

package sandbox

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCreateSessionWAL creates sessions as BenchmarkCreateSessionHTTP
// does (8 concurrent clients over loopback HTTP) with the WAL never
// checkpointed, then reads the WAL to report what a create writes: bytes and
// frames (one page each; SQLite writes a frame's header and page with two
// pwrite calls) per create, and creates per commit (the group commit's batch).
// Time per op is not the point: without checkpoints the WAL only grows.
func BenchmarkCreateSessionWAL(b *testing.B) {
	e := newEnv(b, nil)
	e.sb.writer.ckpt.off.Store(true) // no checkpoints: SQLite's backstop comes at 100,000 pages
	if _, err := e.sb.db.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	createConcurrently(b, e, 8)
	b.StopTimer()
	wal, err := os.ReadFile(filepath.Join(e.cfg.DataDir, DBFile+"-wal"))
	if err != nil {
		b.Fatal(err)
	}
	if keep := os.Getenv("SANDBOX_BENCH_KEEP_WAL"); keep != "" { // for a look at which tables the frames belong to
		db, _ := os.ReadFile(filepath.Join(e.cfg.DataDir, DBFile))
		_ = os.WriteFile(filepath.Join(keep, DBFile), db, 0o600)
		_ = os.WriteFile(filepath.Join(keep, DBFile+"-wal"), wal, 0o600)
	}
	if n := e.sb.writer.ckpt.runs.Load(); n > 0 {
		b.Fatalf("%d checkpoints ran: the WAL no longer holds every create", n)
	}
	frames, commits := walFrames(b, wal)
	b.ReportMetric(float64(len(wal))/float64(b.N), "wal-B/create")
	b.ReportMetric(float64(frames)/float64(b.N), "frames/create")
	b.ReportMetric(float64(b.N)/float64(max(commits, 1)), "creates/commit")
}

// walFrames counts the frames of a WAL file and the commit frames among them
// (those whose header carries the database size, https://sqlite.org/fileformat.html#wal_file_format).
func walFrames(b *testing.B, wal []byte) (frames, commits int) {
	b.Helper()
	if len(wal) < 32 {
		b.Fatalf("WAL of %d bytes", len(wal))
	}
	page := int(binary.BigEndian.Uint32(wal[8:12]))
	for off := 32; off+24+page <= len(wal); off += 24 + page {
		frames++
		if binary.BigEndian.Uint32(wal[off+4:off+8]) != 0 {
			commits++
		}
	}
	return frames, commits
}

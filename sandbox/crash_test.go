package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const crashChildEnv = "SANDBOX_CRASH_CHILD_DIR"

// TestCrashChild is the child half of TestCrashKeepsAcknowledgedSessions: it
// serves a sandbox on loopback until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("runs only as the child of TestCrashKeepsAcknowledgedSessions")
	}
	sb, err := New(context.Background(), Config{DataDir: dir, Logger: quietLogger(), JanitorInterval: -1})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	fmt.Printf("LISTENING http://%s\n", ln.Addr())
	_ = http.Serve(ln, sb.Handler()) // until SIGKILL
}

// TestCrashKeepsAcknowledgedSessions kills a sandbox with SIGKILL while clients
// are creating sessions, then reopens its store: every session whose create was
// answered 201 must be there.
func TestCrashKeepsAcknowledgedSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	dir := t.TempDir()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe, "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	killed := false
	t.Cleanup(func() {
		if !killed {
			_ = cmd.Process.Kill()
		}
		_ = cmd.Wait()
	})
	var base string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "LISTENING "); ok {
			base = u
			break
		}
	}
	require.NotEmpty(t, base, "the child never listened")
	go func() { // drain the rest so the child never blocks on stdout
		for sc.Scan() {
		}
	}()

	var mu sync.Mutex
	var acked []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	body, _ := json.Marshal(createBody("crash", map[string]string{"run": "crash"}))
	client := &http.Client{Timeout: 5 * time.Second}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				req, _ := http.NewRequest("POST", base+"/sandbox/sessions", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+keyA)
				res, err := client.Do(req)
				if err != nil {
					return // the child is gone
				}
				var cr struct {
					Session struct{ ID string } `json:"session"`
				}
				err = json.NewDecoder(res.Body).Decode(&cr)
				res.Body.Close()
				if res.StatusCode == http.StatusCreated && err == nil {
					mu.Lock()
					acked = append(acked, cr.Session.ID)
					mu.Unlock()
				}
			}
		}()
	}
	// Let creates flow, then kill the child mid-stream.
	require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(acked) >= 300 }, 30*time.Second, time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	killed = true
	_ = cmd.Wait()
	close(stop)
	wg.Wait()

	sb, err := New(context.Background(), Config{DataDir: dir, Logger: quietLogger(), JanitorInterval: -1})
	require.NoError(t, err)
	defer sb.Close()
	stored := map[string]bool{}
	rows, err := sb.db.r.Query(`SELECT id FROM sessions`)
	require.NoError(t, err)
	for rows.Next() {
		var id string
		require.NoError(t, rows.Scan(&id))
		stored[id] = true
	}
	require.NoError(t, rows.Err())
	rows.Close()
	mu.Lock()
	defer mu.Unlock()
	missing := 0
	for _, id := range acked {
		if !stored[id] {
			missing++
		}
	}
	assert.Zero(t, missing, "%d of %d acknowledged sessions lost", missing, len(acked))
	assert.GreaterOrEqual(t, len(stored), len(acked))
	t.Logf("%d sessions acknowledged, %d stored", len(acked), len(stored))
	// The store is intact: its integrity check passes and it takes new sessions.
	var check string
	require.NoError(t, sb.db.r.QueryRow(`PRAGMA integrity_check`).Scan(&check))
	assert.Equal(t, "ok", check)
}

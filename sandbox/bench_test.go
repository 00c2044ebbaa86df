package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// BenchmarkCreateSessionHTTP creates sessions over loopback HTTP from 8
// concurrent clients and reports sessions/s (target ≥ 2,000/s).
func BenchmarkCreateSessionHTTP(b *testing.B) {
	e := newEnv(b, nil)
	b.ResetTimer()
	start := time.Now()
	cpu0 := cpuTime(b)
	createConcurrently(b, e, 8)
	elapsed := time.Since(start)
	cpu := cpuTime(b) - cpu0
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "sessions/s")
	// CPU time per create (server and the benchmark's own clients), which a
	// machine shared with other work changes much less than the rate.
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/create")
}

// BenchmarkCreateSessionHTTPOneClient creates sessions one after the other
// over loopback HTTP: the latency of a create when nothing else is written,
// which the writer's gathering of concurrent writes must not lengthen.
func BenchmarkCreateSessionHTTPOneClient(b *testing.B) {
	e := newEnv(b, nil)
	b.ResetTimer()
	createConcurrently(b, e, 1)
}

// createConcurrently creates b.N sessions of the wire-transfer flow over
// loopback HTTP from concurrent clients, and fails b if any create fails.
func createConcurrently(b *testing.B, e *env, clients int) {
	b.Helper()
	body, _ := json.Marshal(map[string]any{"flow": readFlow(b, "wire-transfer.json"), "clientReferenceId": "bench",
		"metadata": map[string]string{"customer": "Ada Lovelace", "amount": "9500"}})
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				req, _ := http.NewRequest("POST", e.srv.URL+"/sandbox/sessions", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+keyA)
				res, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusCreated {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d creates failed", n)
	}
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSimulateWireTransferHTTP runs the wire-transfer sample flow to its
// end through POST /sessions/{id}/simulate (target < 5 ms).
func BenchmarkSimulateWireTransferHTTP(b *testing.B) {
	e := newEnv(b, nil)
	body := map[string]any{"flow": readFlow(b, "wire-transfer.json")}
	sessions := make([]string, b.N)
	for i := range sessions {
		sessions[i] = e.create(keyA, body)
	}
	sim := []byte(`{"replies":{"confirm_transfer":"Yes, 9,500 to Globex, nobody asked me to"}}`)
	b.ResetTimer()
	for i := range b.N {
		r := e.do("POST", "/sessions/"+sessions[i]+"/simulate", keyA, sim)
		if r.status != http.StatusOK {
			b.Fatalf("simulate: %d %s", r.status, r.body)
		}
	}
}

// The list fixture: 100,000 sessions of one account, a third finished, with
// customer names in their metadata. Building it takes a while, so it is kept
// in the temp directory across runs, keyed by the schema and state versions.
const benchSessions = 100_000

var benchFirst = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Dennis", "Radia",
	"Frances", "John", "Tim", "Linus", "Hedy", "Katherine", "Claude", "Sophie", "Niklaus", "Leslie"}
var benchLast = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Ritchie", "Perlman"}

// benchFixtureOf is the list fixture with n sessions (benchSessions for the
// named 100k benchmarks).
func benchFixtureOf(b *testing.B, n int) string {
	b.Helper()
	ms, err := loadMigrations()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("facesign-sandbox-bench-%d-m%d-s%d-v2", n, ms[len(ms)-1].version, runner.StateVersion))
	if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil {
		return dir
	}
	_ = os.RemoveAll(dir)
	b.Logf("building the %d-session fixture in %s (cached for later runs)", n, dir)
	sb, err := New(context.Background(), Config{DataDir: dir, Logger: quietLogger(), JanitorInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	if err := bulkInsert(context.Background(), sb, keyA, n); err != nil {
		b.Fatal(err)
	}
	// A running sandbox's janitor keeps merging the search index; the fixture
	// starts from the merged state it converges to.
	if err := sb.write(context.Background(), func(tx wtx) error {
		_, err := tx.Exec(`INSERT INTO session_search(session_search) VALUES ('optimize')`)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	if err := sb.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o600); err != nil {
		b.Fatal(err)
	}
	return dir
}

// bulkInsert stores n sessions of the wire-transfer flow for the key's account
// in one transaction, through the same insert path as the API; every third is
// simulated to its end first, so finished sessions carry a full transcript.
func bulkInsert(ctx context.Context, sb *Sandbox, key string, n int) error {
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	a, err := sb.authenticate(req)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(filepath.Join(flowsDir, "wire-transfer.json"))
	if err != nil {
		return err
	}
	base := time.Now().Add(-time.Duration(n) * time.Second)
	return sb.write(ctx, func(tx wtx) error {
		for i := range n {
			body := fmt.Sprintf(`{"flow":%s,"clientReferenceId":"order-%06d","metadata":{"customer":"%s %s","amount":"%d"}}`,
				raw, i, benchFirst[i%len(benchFirst)], benchLast[(i/len(benchFirst))%len(benchLast)], 100+i%9000)
			ns, err := decodeCreate([]byte(body))
			if err != nil {
				return err
			}
			at := base.Add(time.Duration(i) * time.Second)
			eng := runner.New(runner.Config{Now: func() time.Time { return at }, Faces: &storeFaces{q: tx, acct: a.id}})
			id := newID("ses_")
			st, eff, err := eng.Start(id, ns.settings)
			if err != nil {
				return err
			}
			if i%3 == 0 {
				res, err := eng.Run(ctx, st, runner.SimulateInput{Replies: map[string]string{"confirm_transfer": "Yes, nobody asked me"}})
				if err != nil {
					return err
				}
				eff.Merge(res.Effects)
			}
			eff.StatusChanges = nil // no webhook backlog in the fixture
			secret := sb.newSecret()
			enc, err := encodeSession(ns, st)
			if err != nil {
				return err
			}
			if err := sb.insertSession(ctx, tx, a, ns, st, enc, eff, &secret); err != nil {
				return err
			}
		}
		return nil
	})
}

func benchList(b *testing.B, query string) { benchListCounted(b, query, false) }

// benchListCounted is benchList; recount forgets remembered totals before each
// request, as after a write, so every includeTotal page counts its matches.
func benchListCounted(b *testing.B, query string, recount bool) {
	benchListOf(b, benchSessions, query, recount)
}

// benchListOf walks the pages of query on the fixture of n sessions.
func benchListOf(b *testing.B, n int, query string, recount bool) {
	dir := benchFixtureOf(b, n)
	sb, err := New(context.Background(), Config{DataDir: dir, Logger: quietLogger(), JanitorInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	client := srv.Client()
	var cpu time.Duration // CPU time of the process while requests were in flight
	get := func(q string) (facesign.ListSessionsResponse, time.Duration) {
		req, _ := http.NewRequest("GET", srv.URL+"/sandbox/sessions?"+q, nil)
		req.Header.Set("Authorization", "Bearer "+keyA)
		if recount {
			sb.counts.mu.Lock()
			sb.counts.m = nil
			sb.counts.mu.Unlock()
		}
		start, cpu0 := time.Now(), cpuTime(b)
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		d := time.Since(start)
		cpu += cpuTime(b) - cpu0
		if res.StatusCode != http.StatusOK {
			b.Fatalf("list: %d %s", res.StatusCode, raw)
		}
		var p facesign.ListSessionsResponse
		if err := json.Unmarshal(raw, &p); err != nil {
			b.Fatal(err)
		}
		return p, d
	}
	first, _ := get(query)
	if len(first.Sessions) == 0 {
		b.Fatalf("the query %q matches nothing in the fixture", query)
	}
	lat := make([]time.Duration, 0, b.N)
	cpu = 0
	b.ResetTimer()
	cursor := ""
	for range b.N {
		q := query
		if cursor != "" { // walk the pages, so deep pages are measured too
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		p, d := get(q)
		lat = append(lat, d)
		cursor = p.NextCursor
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(first.Sessions)), "sessions/page")
	// The CPU a page costs (server and client in this process), which other
	// work on a shared machine changes far less than the latency.
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/page")
}

// BenchmarkListSearch100k lists 25 sessions with a status filter and a search
// for a customer's full name (0.5% of the sessions), newest first.
func BenchmarkListSearch100k(b *testing.B) {
	benchList(b, "status=complete&search="+url.QueryEscape("Grace Hopper")+"&limit=25")
}

// BenchmarkListSearchBroad100k searches a surname that 10% of the sessions
// carry, filtered by status and sorted by finishedAt.
func BenchmarkListSearchBroad100k(b *testing.B) {
	benchList(b, "status=complete&search=lovelace&sortBy=finishedAt&limit=25")
}

// BenchmarkListSearchTotal100k is the broad search with includeTotal (10,000
// matches); pages after the first reuse its total while nothing is written.
func BenchmarkListSearchTotal100k(b *testing.B) {
	benchList(b, "status=complete&search=lovelace&includeTotal=true&limit=25")
}

// BenchmarkListSearchTotalRecount100k is BenchmarkListSearchTotal100k with
// every page counting its 10,000 matches, as the first page of a query or the
// first after a write does.
func BenchmarkListSearchTotalRecount100k(b *testing.B) {
	benchListCounted(b, "status=complete&search=lovelace&includeTotal=true&limit=25", true)
}

// BenchmarkListPlain100k is the unfiltered first page for reference.
func BenchmarkListPlain100k(b *testing.B) {
	benchList(b, "limit="+strconv.Itoa(defaultLimit))
}

// BenchmarkListSearchRareFinished100k searches the rare full name sorted by
// finishedAt: the first 1,000 sessions in that order hold too few matches, so
// each page goes through the trigram index and sorts its matches.
func BenchmarkListSearchRareFinished100k(b *testing.B) {
	benchList(b, "status=complete&search="+url.QueryEscape("Grace Hopper")+"&sortBy=finishedAt&limit=25")
}

// getFixture is a sandbox with 300 wire-transfer sessions, a third simulated
// to the end (so their stored view carries a transcript and node reports).
func getFixture(b *testing.B) (*env, []string) {
	e := newEnv(b, nil)
	body := map[string]any{"flow": readFlow(b, "wire-transfer.json"), "clientReferenceId": "bench-get",
		"metadata": map[string]string{"customer": "Ada Lovelace"}}
	ids := make([]string, 300)
	for i := range ids {
		ids[i] = e.create(keyA, body)
		if i%3 == 0 {
			if r := e.do("POST", "/sessions/"+ids[i]+"/simulate", keyA, `{"replies":{"confirm_transfer":"Yes, nobody asked me"}}`); r.status != http.StatusOK {
				b.Fatalf("simulate: %d %s", r.status, r.body)
			}
		}
	}
	return e, ids
}

func getSession(b *testing.B, client *http.Client, base, id string) {
	req, _ := http.NewRequest("GET", base+"/sandbox/sessions/"+id, nil)
	req.Header.Set("Authorization", "Bearer "+keyA)
	res, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.Fatalf("get: %d", res.StatusCode)
	}
}

// BenchmarkGetSessionHTTP is GET /sessions/{id} over loopback HTTP, one client
// (the call behind the get_session tool).
func BenchmarkGetSessionHTTP(b *testing.B) {
	e, ids := getFixture(b)
	client := e.srv.Client()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		getSession(b, client, e.srv.URL, ids[i%len(ids)])
	}
}

// BenchmarkGetSessionHTTPParallel is the same with 8 concurrent clients.
func BenchmarkGetSessionHTTPParallel(b *testing.B) {
	e, ids := getFixture(b)
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var next atomic.Int64
	b.SetParallelism(8 / max(1, runtime.GOMAXPROCS(0)))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			getSession(b, client, e.srv.URL, ids[int(next.Add(1))%len(ids)])
		}
	})
}

// BenchmarkListGrowth runs every kind of list page on fixtures of 1,000,
// 10,000 and 100,000 sessions (target: p99 < 10 ms at 100,000, and a page
// costing about the same at every size). The "total" cases forget remembered
// totals before each page, so each page counts (or reads its counters).
func BenchmarkListGrowth(b *testing.B) {
	grace, hopper := url.QueryEscape("Grace Hopper"), "lovelace"
	cases := []struct {
		name, query string
		recount     bool
	}{
		{"plain", "limit=25", false},
		{"status", "status=complete&limit=25", false},
		{"sort-status", "sortBy=status&limit=25", false},
		{"sort-finished", "sortBy=finishedAt&limit=25", false},
		{"search-rare", "status=complete&search=" + grace + "&limit=25", false},
		{"search-broad-finished", "status=complete&search=" + hopper + "&sortBy=finishedAt&limit=25", false},
		{"search-rare-finished", "status=complete&search=" + grace + "&sortBy=finishedAt&limit=25", false},
		{"search-short", "search=Ad&limit=25", false},
		{"total-account", "includeTotal=true&limit=25", true},
		{"total-status", "status=complete,canceled&includeTotal=true&limit=25", true},
		{"total-reference", "clientReferenceId=order-000042&includeTotal=true&limit=25", true},
		{"total-search-broad", "status=complete&search=" + hopper + "&includeTotal=true&limit=25", true},
		{"total-search-rare", "search=" + grace + "&includeTotal=true&limit=25", true},
		{"total-dates", "fromDate=%d&toDate=%d&includeTotal=true&limit=25", true},
	}
	for _, n := range []int{1_000, 10_000, 100_000} {
		for _, c := range cases {
			b.Run(fmt.Sprintf("n=%d/%s", n, c.name), func(b *testing.B) {
				q := c.query
				if strings.Contains(q, "%d") { // the middle half of the fixture's creation times
					from, to := benchMiddle(b, n)
					q = fmt.Sprintf(q, from, to)
				}
				benchListOf(b, n, q, c.recount)
			})
		}
	}
}

// benchMiddle is the middle half of the fixture's creation times, in Unix seconds.
func benchMiddle(b *testing.B, n int) (from, to int64) {
	sb, err := New(context.Background(), Config{DataDir: benchFixtureOf(b, n), Logger: quietLogger(), JanitorInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	var lo, hi int64
	if err := sb.db.r.QueryRow(`SELECT MIN(created_at), MAX(created_at) FROM sessions`).Scan(&lo, &hi); err != nil {
		b.Fatal(err)
	}
	q := (hi - lo) / 4
	return (lo + q) / 1000, (hi - q) / 1000
}

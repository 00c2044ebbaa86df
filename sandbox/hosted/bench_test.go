package hosted_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"time"
)

// chainFlow is start → n conversation nodes → end: n advances per session.
func chainFlow(n int) string {
	var b strings.Builder
	b.WriteString(`[{"id":"start","type":"start","outcome":"c0"}`)
	for i := range n {
		next := fmt.Sprintf("c%d", i+1)
		if i == n-1 {
			next = "end"
		}
		fmt.Fprintf(&b, `,{"id":"c%d","type":"conversation","prompt":"Say: Question %d?","outcomes":[{"id":"o%d","targetNodeId":%q,"condition":"any"}]}`, i, i, i, next)
	}
	b.WriteString(`,{"id":"end","type":"end"}]`)
	return b.String()
}

// BenchmarkPageFirstByte is GET /verify?client_secret=… over loopback: the
// time to the page's first byte (first-byte-ns/op) and to its last (ns/op).
func BenchmarkPageFirstByte(b *testing.B) {
	e := newEnv(b)
	c := e.create(chainFlow(3), nil)
	client := &http.Client{}
	var first time.Duration
	b.ResetTimer()
	for b.Loop() {
		var start time.Time
		trace := &httptrace.ClientTrace{GotFirstResponseByte: func() { first += time.Since(start) }}
		req, _ := http.NewRequest("GET", c.ClientSecret.URL, nil)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
		start = time.Now()
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
	b.ReportMetric(float64(first.Nanoseconds())/float64(b.N), "first-byte-ns/op")
}

// BenchmarkAdvance is one POST /verify/api/advance over loopback: a typed
// reply at a conversation node, stored with its transcript lines, and the
// page's new view in the answer.
func BenchmarkAdvance(b *testing.B) {
	e := newEnv(b)
	const chain = 10 // a realistic flow; the flow is decoded on every step
	flow := chainFlow(chain)
	client := &http.Client{}
	var secret string
	node := chain // forces a new session first
	post := func(body string) {
		req, _ := http.NewRequest("POST", e.base+"/verify/api/advance", bytes.NewReader([]byte(body)))
		req.Header.Set("X-Client-Secret", secret)
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		out, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d: %s", res.StatusCode, out)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if node == chain {
			b.StopTimer()
			secret = e.create(flow, nil).ClientSecret.Secret
			post(`{"nodeId":"start"}`)
			node = 0
			b.StartTimer()
		}
		post(fmt.Sprintf(`{"nodeId":"c%d","reply":"My answer to question %d"}`, node, node))
		node++
	}
}

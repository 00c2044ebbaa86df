package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/exporter"
	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/browsertest"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

// TestExportedAppInBrowser uses an exported app as its end user would, in
// headless Chromium, against `facesign-mcp sandbox` with the app's webhook
// endpoint registered: sign in, the start page, the verification page with
// the hosted page in its frame, then the result page once FaceSign's webhook
// has arrived; one approving and one denying path, walked through the
// sandbox's hosted page in the frame. On the first, the client secret is
// replaced behind the page's back and the page must get a new one itself.
func TestExportedAppInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an exported app and starts Chromium")
	}
	browsertest.Skip(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	shots := os.Getenv("EXPORT_SCREENSHOTS") // a directory to keep the screenshots in

	// The sandbox, as a team runs it.
	var logs syncbuffer.Buffer
	sandboxDone := make(chan int, 1)
	go func() {
		sandboxDone <- run(ctx, []string{"sandbox", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--rate-limit", "0"}, streams{in: strings.NewReader(""), out: &logs, err: &logs})
	}()
	t.Cleanup(func() { cancel(); <-sandboxDone })
	baseRE := regexp.MustCompile(`base_url=(http\S+)`)
	var apiURL string
	require.Eventually(t, func() bool {
		m := baseRE.FindStringSubmatch(logs.String())
		if m != nil {
			apiURL = m[1]
		}
		return m != nil
	}, 10*time.Second, 50*time.Millisecond, "the sandbox did not start: %s", logs.String())

	// The app: exported, built as the Dockerfile builds it, started.
	data, err := os.ReadFile("../../exporter/testdata/flows/wire-transfer-step-up.json")
	require.NoError(t, err)
	fl, err := flow.Decode(data)
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "app")
	_, err = exporter.Export(ctx, dir, exporter.Options{Flow: fl, UseCase: exporter.WireTransferStepUp})
	require.NoError(t, err)
	build := exec.Command("go", "build", "-o", "app", ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=readonly")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	key := "sk_test_browser" + strconv.FormatInt(time.Now().UnixNano(), 36)
	api, err := facesign.New(key, facesign.WithBaseURL(apiURL))
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	appURL := fmt.Sprintf("http://127.0.0.1:%d", port)
	hook, err := api.CreateWebhook(ctx, appURL+"/webhooks/facesign")
	require.NoError(t, err)

	app := exec.CommandContext(ctx, filepath.Join(dir, "app"))
	app.Dir = dir
	var appLog syncbuffer.Buffer
	app.Stdout, app.Stderr = &appLog, &appLog
	app.Env = append(os.Environ(), "FACESIGN_API_KEY="+key, "FACESIGN_API_URL="+apiURL, "FACESIGN_WEBHOOK_SECRET="+hook.Secret,
		"DATABASE_URL=file:"+filepath.Join(t.TempDir(), "app.db"), "PORT="+strconv.Itoa(port))
	require.NoError(t, app.Start())
	t.Cleanup(func() {
		_ = app.Process.Signal(os.Interrupt)
		_ = app.Wait()
		if t.Failed() {
			t.Logf("app log:\n%s", appLog.String())
		}
	})
	require.Eventually(t, func() bool {
		resp, err := http.Get(appURL + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	}, 15*time.Second, 100*time.Millisecond, "the app did not start: %s", appLog.String())

	bctx := browsertest.New(t, browsertest.Options{})
	shot := func(t *testing.T, ctx context.Context, name string) {
		t.Helper()
		if shots == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644))
	}
	tests := []struct {
		name     string
		outcomes map[string]string
		verdict  string
	}{
		{"approved", nil, "Approved."},
		{"denied", map[string]string{"liveness": "deepfakeDetected"}, "Not approved."},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tctx, cancel := context.WithTimeout(bctx, 120*time.Second)
			defer cancel()
			// Each path starts signed out (the previous one left a sign-in cookie).
			require.NoError(t, chromedp.Do(tctx, chromedp.Navigate(appURL+"/")))
			_, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`(f => (f && f.submit(), !!f))(document.querySelector('form[action="/signout"]'))`))
			require.NoError(t, err)
			require.NoError(t, chromedp.Do(tctx, chromedp.WaitVisible(chromedp.CSS("#email"))))
			shot(t, tctx, tc.name+"-1-signin")
			require.NoError(t, chromedp.Do(tctx,
				chromedp.SendKeys(chromedp.CSS("#email"), fmt.Sprintf("browser%d@example.com", i)),
				chromedp.Submit(chromedp.CSS("#email")),
				chromedp.WaitVisible(chromedp.CSS("#f-payee")),
				chromedp.SendKeys(chromedp.CSS("#f-payee"), "ACME Supplies Ltd"),
				chromedp.SendKeys(chromedp.CSS("#f-amount"), "$7,500.00"),
			))
			shot(t, tctx, tc.name+"-2-start")
			require.NoError(t, chromedp.Do(tctx, chromedp.Submit(chromedp.CSS("#f-payee")), chromedp.WaitVisible(chromedp.CSS("#facesign-frame"))))
			shot(t, tctx, tc.name+"-3-verify")
			src, err := chromedp.Run(tctx, chromedp.AttributeValue(chromedp.CSS("#facesign-frame"), "src"))
			require.NoError(t, err)
			allowAttr, err := chromedp.Run(tctx, chromedp.AttributeValue(chromedp.CSS("#facesign-frame"), "allow"))
			require.NoError(t, err)
			location, err := chromedp.Run(tctx, chromedp.Location())
			require.NoError(t, err)
			frameSrc, allow := src.Value, allowAttr.Value
			require.True(t, strings.HasPrefix(frameSrc, strings.TrimSuffix(apiURL, "/sandbox")+"/verify?client_secret="), frameSrc)
			require.Equal(t, "camera; microphone; autoplay", allow)
			require.Contains(t, location, "/verify/ver_")
			if i == 0 {
				// The secret is replaced behind the page's back (as when it
				// expires): the hosted page reports secret_replaced when the
				// frame loads again, and verify.js gets the app to fetch a new
				// secret and reloads the frame with it.
				verificationID := location[strings.LastIndex(location, "/")+1:]
				list, err := api.ListSessions(tctx, facesign.ListParams{ClientReferenceID: verificationID})
				require.NoError(t, err)
				require.Len(t, list.Sessions, 1)
				_, err = api.RefreshSecret(tctx, list.Sessions[0].ID)
				require.NoError(t, err)
				_, err = chromedp.Run(tctx, chromedp.Evaluate[bool](`(f => (f.src = f.src, true))(document.getElementById("facesign-frame"))`))
				require.NoError(t, err)
				require.Eventually(t, func() bool {
					src, err := chromedp.Run(tctx, chromedp.AttributeValue(chromedp.CSS("#facesign-frame"), "src"))
					return err == nil && src.Value != frameSrc && strings.Contains(src.Value, "/verify?client_secret=")
				}, 20*time.Second, 100*time.Millisecond, "the frame was not reloaded with a new secret")
			}
			// No screenshot here: the page may be navigating to the result.
			walkHosted(t, tctx, tc.outcomes["liveness"], func(name string) { shot(t, tctx, tc.name+"-4-"+name) })

			// verify.js moved to the result page on the hosted page's "complete"
			// event; result.js reloads it once the webhook has decided.
			require.NoError(t, chromedp.Do(tctx, chromedp.WaitVisible(chromedp.CSS("#result.approved, #result.denied"))))
			verdict, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS("#result .verdict strong")))
			require.NoError(t, err)
			shot(t, tctx, tc.name+"-5-result")
			require.Equal(t, tc.verdict, verdict)
		})
	}
}

// walkHosted goes through the sandbox's hosted page in the verification
// page's frame as the user does, for the wire-transfer step-up flow of
// exporter/testdata: the greeting plays by itself, the liveness capture
// (with the Sandbox controls' verdict when liveness is not ""), the
// confirmation question, the email code from the page's outbox, and the
// closing line. The app's page and the hosted page are on two ports of
// 127.0.0.1, one site, so FromNode reaches into the frame.
func walkHosted(t *testing.T, ctx context.Context, liveness string, shot func(name string)) {
	t.Helper()
	var frame *chromedp.Node
	in := func() chromedp.QueryOption { return chromedp.FromNode(frame) }
	attach := func() {
		require.Eventually(t, func() bool {
			nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("#facesign-frame")))
			if err != nil || len(nodes) == 0 || nodes[0].ContentDocument == nil {
				return false
			}
			frame = nodes[0]
			wctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			defer cancel()
			return chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS("body[data-ready]"), in())) == nil
		}, 20*time.Second, 100*time.Millisecond, "the hosted page did not load in the frame")
	}
	wait := func(node, screen string) {
		t.Helper()
		sel := fmt.Sprintf("body[data-screen=%q]", screen)
		if node != "" {
			sel = fmt.Sprintf("body[data-node=%q][data-screen=%q]", node, screen)
		}
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS(sel), in())); err != nil {
			attrs, _ := chromedp.Run(ctx, chromedp.Attributes(chromedp.CSS("body"), in()))
			caption, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#caption"), in()))
			t.Fatalf("waiting for %s in the hosted page: %v (it is at %v, caption %q)", sel, err, attrs, caption)
		}
	}
	click := func(sel string) {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, chromedp.WaitEnabled(chromedp.CSS(sel), in()), chromedp.Click(chromedp.CSS(sel), in())); err != nil {
			attrs, _ := chromedp.Run(ctx, chromedp.Attributes(chromedp.CSS("body"), in()))
			caption, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#caption"), in()))
			t.Fatalf("clicking %s in the hosted page: %v (it is at %v, caption %q)", sel, err, attrs, caption)
		}
	}
	// finished waits for the end of the walk: the hosted page's finished
	// screen, or the app already on its result page. The app leaves the
	// verification page on the hosted page's "complete" event, which can come
	// before the finished screen is seen, and then the frame is gone.
	finished := func() {
		t.Helper()
		require.Eventually(t, func() bool {
			if done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector("#result")`)); err == nil && done {
				return true
			}
			wctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			return chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS(`body[data-screen="s-finished"]`), in())) == nil
		}, 30*time.Second, 100*time.Millisecond, "the hosted page did not reach its finished screen")
	}
	attach()
	wait("start", "s-start")
	click("#controls > summary")
	click("#begin")
	wait("liveness", "s-capture")
	if liveness != "" {
		require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#ctl-liveness"), liveness, in())))
	}
	shot("liveness")
	click("#capture")
	if liveness != "" && liveness != "livenessDetected" {
		finished()
		return
	}
	wait("confirm_details", "s-reply")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#ctl-outcome"), "confirmed", in()),
		chromedp.SendKeys(chromedp.CSS("#reply"), "ACME Supplies Ltd, 7,500 dollars\r", in())))
	// The code goes to the user's email: the page asks for it when the
	// session does not know it.
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`body[data-node="email_code"]:not([data-screen="s-checking"])`), in())))
	if screen, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("body"), "data-screen", in())); err == nil && screen.Value == "s-email" {
		require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#email"), "browser@example.com\r", in())))
	}
	wait("email_code", "s-code")
	shot("code")
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#outbox .otp"), in())))
	code, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#outbox li:first-child .otp"), in()))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#code"), code+"\r", in())))
	finished()
}

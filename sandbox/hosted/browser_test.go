package hosted_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/browsertest"
)

// outcomes lists a session's node reports as "node:outcome".
func outcomes(s facesign.Session) []string {
	var out []string
	if s.Report == nil {
		return nil
	}
	for _, nr := range s.Report.NodeReports {
		out = append(out, nr.NodeID+":"+nr.Outcome)
	}
	return out
}

// types lists the event types in order, steps as "step:phase:node[:outcome]".
func eventTrail(evs []event) []string {
	var out []string
	for _, ev := range evs {
		typ, _ := ev["type"].(string)
		switch typ {
		case "step":
			s := "step:" + ev["phase"].(string) + ":" + ev["nodeId"].(string)
			if o, ok := ev["outcome"].(string); ok {
				s += ":" + o
			}
			out = append(out, s)
		case "caption":
			continue
		case "complete", "ready":
			out = append(out, typ+":"+ev["status"].(string))
		case "error":
			out = append(out, typ+":"+ev["code"].(string))
		default:
			out = append(out, typ)
		}
	}
	return out
}

// The conversation flow, walked in an iframe of another origin with the
// fake camera playing known red frames: typed replies, a typed email, an
// email code and an SMS code read from the outbox the page shows (the SMS
// typed wrong once first).
func TestHostedConversationFlowInIframe(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{FakeVideo: redY4M(t)})
	e := newEnv(t)
	e.listenHooks()
	c := e.create(conversationFlow, map[string]any{"finalPhrase": "Your transfer is on its way.", "avatarId": "avatar_james"})
	f := e.openFramed(browser, c.ClientSecret.URL)

	f.wait("start", "s-start")
	require.Contains(t, f.text(".sandbox-badge"), "SANDBOX")
	f.openControls()
	f.click("#begin")

	// intro needs no reply: it continues by itself after its caption.
	f.wait("access", "s-permissions")
	f.click("#allow")
	f.wait("live", "s-capture")
	f.shot("liveness")
	f.click("#capture")

	f.wait("ask", "s-reply")
	require.Equal(t, "Who is the transfer for, and how much is it?", f.text("#caption"))
	f.shot("conversation")
	f.choose("#ctl-outcome", "ok")
	f.typeIn("#reply", "Jordan Lee, 7,500 dollars\r")

	f.wait("mail", "s-email")
	f.typeIn("#email", "sam.rivera@example.com\r")

	f.wait("otp", "s-code")
	require.Contains(t, f.text("#code-text"), "sam.rivera@example.com")
	f.typeIn("#code", f.otp()+"\r")

	f.wait("sms", "s-code")
	f.typeIn("#code", "000000\r")
	f.wait("sms", "s-code")
	require.Eventually(t, func() bool { return strings.Contains(f.text("#code-message"), "1 attempt") }, stepTimeout, 50*time.Millisecond,
		"the wrong code's message: %q", f.text("#code-message"))
	code := f.otp()
	require.Regexp(t, regexp.MustCompile(`^\d{6}$`), code)
	f.typeIn("#code", code+"\r")

	f.wait("", "s-finished")
	require.Equal(t, "Your transfer is on its way.", f.text("#caption"))
	require.Equal(t, "Verification finished. You can close this page.", f.text("#finished-text"))
	evs := f.waitEvent("complete")

	s := e.session(c.Session.ID)
	require.Equal(t, facesign.StatusComplete, s.Status)
	require.NotNil(t, s.Report)
	assert.True(t, s.Report.Sandbox)
	assert.Equal(t, []string{"intro:access", "access:permissionsGranted", "live:livenessDetected", "ask:mail",
		"mail:emailEntered", "otp:verified", "sms:verified", "bye:end"}, outcomes(s))
	var avatarLines, userLines []string
	for _, l := range s.Report.Transcript {
		if l.IsAvatar {
			avatarLines = append(avatarLines, l.Text)
		} else {
			userLines = append(userLines, l.Text)
		}
	}
	assert.Contains(t, avatarLines, "Who is the transfer for, and how much is it?")
	assert.Contains(t, userLines, "Jordan Lee, 7,500 dollars")
	assert.Contains(t, userLines, "sam.rivera@example.com")
	assert.Equal(t, "sam.rivera@example.com", s.Report.ExtractedData["email"])
	// The judge's choice from the controls is recorded in the node report.
	for _, nr := range s.Report.NodeReports {
		if nr.NodeID == "ask" {
			assert.Equal(t, map[string]any{"outcome": "ok"}, nr.Report["sandboxControls"])
		}
	}

	// The liveness frame is the fake camera's red picture, served at a signed URL.
	require.Len(t, s.Report.Screenshots, 1)
	img, _ := fetchImage(t, s.Report.Screenshots[0])
	r, g, b, _ := img.At(img.Bounds().Dx()/2, img.Bounds().Dy()/2).RGBA()
	assert.InDelta(t, 254, r>>8, 12, "red")
	assert.InDelta(t, 0, g>>8, 12, "green")
	assert.InDelta(t, 0, b>>8, 12, "blue")

	// Webhooks: created, processing, complete, each verified.
	require.Eventually(t, func() bool { return len(e.hooks.eventsFor(s.ID)) >= 3 }, stepTimeout, 20*time.Millisecond)
	assert.Zero(t, e.hooks.bad)

	trail := eventTrail(evs)
	assert.Equal(t, []string{"ready:requiresInput", "started",
		"step:left:start", "step:entered:intro", "step:left:intro:n1",
		"step:entered:access", "step:left:access:permissionsGranted",
		"step:entered:live", "step:left:live:livenessDetected",
		"step:entered:ask", "step:left:ask:ok",
		"step:entered:mail", "step:left:mail:emailEntered",
		"step:entered:otp", "step:left:otp:verified",
		"step:entered:sms", "step:left:sms:verified",
		"step:entered:bye", "step:left:bye:fin", "step:entered:end",
		"complete:complete"}, trail)
	var captions []string
	for _, ev := range evs {
		require.Equal(t, "facesign", ev["source"])
		require.EqualValues(t, 1, ev["version"])
		require.Equal(t, s.ID, ev["sessionId"])
		if ev["type"] == "caption" {
			captions = append(captions, ev["speaker"].(string)+": "+ev["text"].(string))
		}
	}
	assert.Contains(t, captions, "user: Jordan Lee, 7,500 dollars")
	assert.Contains(t, captions, "avatar: All done, thank you.")
	for _, ev := range evs { // nothing secret in any event
		for _, v := range ev {
			if str, ok := v.(string); ok {
				assert.NotContains(t, str, c.ClientSecret.Secret)
				assert.NotContains(t, str, testKey)
			}
		}
	}

	// Reopened, the finished session shows its finished screen, not a second run.
	g2 := e.openFramed(browser, c.ClientSecret.URL)
	g2.wait("", "s-finished")
	assert.Equal(t, []string{"ready:complete"}, eventTrail(g2.waitEvent("ready")))
}

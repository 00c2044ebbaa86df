package hosted_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/browsertest"
)

// matrixNode is one node type with every outcome it has; each outcome ends
// the session, so walking it once per outcome covers them all.
type matrixNode struct {
	node     string // the node's JSON without "id" and "outcomes"
	outcomes []string
	list     bool // outcomes are a list (conversation, data_validation)
}

var matrix = []matrixNode{
	{node: `"type":"conversation","prompt":"Say: Are you making this transfer yourself?"`, outcomes: []string{"yes", "no"}, list: true},
	{node: `"type":"permissions","permissions":{"camera":true,"microphone":true}`, outcomes: []string{"permissionsGranted", "permissionsDenied"}},
	{node: `"type":"liveness_detection"`, outcomes: []string{"livenessDetected", "deepfakeDetected", "noFace", "inconclusive", "captureUnavailable"}},
	{node: `"type":"recognition"`, outcomes: []string{"recognized", "newUser", "noFace"}},
	{node: `"type":"face_scan","requireLivenessChallenge":true`, outcomes: []string{"passed", "notPassed", "cancelled", "error"}},
	{node: `"type":"face_compare","sourceA":{"source":"faceScan"},"sourceB":{"source":"documentPhoto"}`, outcomes: []string{"match", "noMatch", "imageUnavailable"}},
	{node: `"type":"document_scan","allowedDocumentTypes":["passport"]`, outcomes: []string{"scanSuccess", "userCancelled", "scanTimeout"}},
	{node: `"type":"enter_email","prompt":"Your email, please."`, outcomes: []string{"emailEntered", "canceled"}},
	{node: `"type":"two_factor_email"`, outcomes: []string{"verified", "delivery_failed", "failed_unverified", "cancelled", "error"}},
	{node: `"type":"two_factor_sms"`, outcomes: []string{"verified", "delivery_failed", "failed_unverified", "cancelled", "error"}},
	{node: `"type":"data_validation","validation":{"field":"email","action":"contains","value":"@"}`, outcomes: []string{"pass", "fail"}, list: true},
}

func (m matrixNode) flow() string {
	var outs string
	if m.list {
		var list []map[string]string
		for _, o := range m.outcomes {
			list = append(list, map[string]string{"id": o, "targetNodeId": "end", "condition": "the user answers " + o})
		}
		b, _ := json.Marshal(list)
		outs = string(b)
	} else {
		mp := map[string]string{}
		for _, o := range m.outcomes {
			mp[o] = "end"
		}
		b, _ := json.Marshal(mp)
		outs = string(b)
	}
	return fmt.Sprintf(`[{"id":"start","type":"start","outcome":"x"},{"id":"x",%s,"outcomes":%s},{"id":"end","type":"end"}]`, m.node, outs)
}

// Every outcome of every node type, chosen in the Sandbox controls and
// walked through the page's own screens (a document from an image file).
func TestHostedEveryOutcome(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 36 sessions in a browser")
	}
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	doc := filepath.Join(t.TempDir(), "passport.jpg")
	_, jpg := redJPEG(t)
	require.NoError(t, os.WriteFile(doc, jpg, 0o644))
	for _, m := range matrix {
		for i, o := range m.outcomes {
			t.Run(o, func(t *testing.T) {
				e.t = t
				c := e.create(m.flow(), nil)
				tab, cancel := context.WithCancel(browser)
				defer cancel()
				f := e.openFramed(tab, c.ClientSecret.URL)
				f.openControls()
				f.click("#begin")
				f.waitNode("x")
				f.choose("#ctl-outcome", o)
				switch need := f.attr("body", "data-need"); need {
				case "reply":
					f.typeIn("#reply", "I answer "+o+"\r")
				case "permissions":
					f.click("#allow")
				case "capture":
					f.click("#capture")
				case "document":
					if i%2 == 0 {
						f.do(chromedp.SetUploadFiles(chromedp.CSS("#doc-file"), []string{doc}, f.in()))
					} else {
						f.click("#doc-capture")
					}
				case "email":
					f.typeIn("#email", "pat@example.com\r")
				case "code":
					f.typeIn("#code", f.otp()+"\r")
				case "nothing":
					f.click("#continue")
				default:
					t.Fatalf("node x needs %q", need)
				}
				f.wait("", "s-finished")
				evs := f.waitEvent("complete")
				assert.Contains(t, eventTrail(evs), "step:left:x:"+o)
				s := e.session(c.Session.ID)
				require.Equal(t, facesign.StatusComplete, s.Status)
				want := o
				if m.list {
					want = "end" // FaceSign reports a list outcome by its target
				}
				assert.Equal(t, []string{"x:" + want}, outcomes(s))
				controls, _ := s.Report.NodeReports[0].Report["sandboxControls"].(map[string]any)
				assert.Equal(t, o, controls["outcome"], "the choice is recorded in the node report")
			})
		}
	}
}

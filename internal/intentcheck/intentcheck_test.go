package intentcheck

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// a recognition flow whose new users get a passport scan, with a closing line
const branched = `{"flow": [
 {"id": "start", "type": "start", "outcome": "greeting"},
 {"id": "greeting", "type": "conversation", "prompt": "Say: Hello.", "doesNotRequireReply": true, "outcomes": [{"id": "next", "targetNodeId": "rec"}]},
 {"id": "rec", "type": "recognition", "outcomes": {"recognized": "live", "newUser": "doc", "noFace": "doc"}},
 {"id": "live", "type": "liveness_detection", "outcomes": {"livenessDetected": "closing", "deepfakeDetected": "closing", "noFace": "closing"}},
 {"id": "doc", "type": "document_scan", "allowedDocumentTypes": ["passport"], "outcomes": {"scanSuccess": "live", "userCancelled": "closing", "scanTimeout": "closing"}},
 {"id": "closing", "type": "conversation", "prompt": "CLOSING", "doesNotRequireReply": true, "outcomes": [{"id": "done", "targetNodeId": "end"}]},
 {"id": "end", "type": "end"}
], "assumptions": ["The age check requires 18."], "questions": []}`

func output(t *testing.T, closing string, quiet bool) Output {
	t.Helper()
	s := strings.Replace(branched, `"CLOSING"`, closing, 1)
	if !quiet {
		s = strings.Replace(s, `"CLOSING_QUIET"`, "", 1)
		s = strings.Replace(s, `"prompt": `+closing+`, "doesNotRequireReply": true`, `"prompt": `+closing+`, "doesNotRequireReply": false`, 1)
	}
	var out Output
	require.NoError(t, json.Unmarshal([]byte(s), &out))
	return out
}

func TestJudge(t *testing.T) {
	base := Case{ID: "x", Description: "recognise them; new users scan a passport", Steps: []string{"recognition", "liveness_detection"}}
	tests := []struct {
		name    string
		c       func(Case) Case
		closing string
		quiet   bool
		want    string // a problem containing this, or "" for none
	}{
		{"passes", func(c Case) Case { return c }, `"Say: Thank you."`, true, ""},
		{"wrong steps", func(c Case) Case { c.Steps = []string{"recognition"}; return c }, `"Say: Thank you."`, true, "steps"},
		{"branch found", func(c Case) Case {
			c.On = []Branch{{Type: "document_scan", From: "recognition.newUser"}}
			return c
		}, `"Say: Thank you."`, true, ""},
		{"branch missing", func(c Case) Case {
			c.On = []Branch{{Type: "two_factor_sms", From: "recognition.newUser"}}
			return c
		}, `"Say: Thank you."`, true, "no two_factor_sms"},
		{"path holds", func(c Case) Case {
			c.Branches = []Path{{After: "recognition", Outcome: "newUser", Contains: []string{"document_scan", "liveness_detection"}}}
			return c
		}, `"Say: Thank you."`, true, ""},
		{"path lacks", func(c Case) Case {
			c.Branches = []Path{{After: "recognition", Outcome: "newUser", Contains: []string{"face_compare"}}}
			return c
		}, `"Say: Thank you."`, true, "no face_compare on the path"},
		{"setting mentioned", func(c Case) Case {
			c.Settings = []Setting{{Type: "document_scan", Mentions: "PASSPORT"}}
			return c
		}, `"Say: Thank you."`, true, ""},
		{"setting not mentioned", func(c Case) Case {
			c.Settings = []Setting{{Type: "document_scan", Mentions: "visa"}}
			return c
		}, `"Say: Thank you."`, true, "mentions \"visa\""},
		{"setting", func(c Case) Case {
			c.Settings = []Setting{{Type: "document_scan", Field: "allowedDocumentTypes", Value: []any{"dl"}}}
			return c
		}, `"Say: Thank you."`, true, "allowedDocumentTypes"},
		{"mentioned in an assumption", func(c Case) Case { c.MustMention = []string{"18"}; return c }, `"Say: Thank you."`, true, ""},
		{"dropped silently", func(c Case) Case { c.MustMention = []string{"21"}; return c }, `"Say: Thank you."`, true, "\"21\""},
		// a hyphen and a space read alike: the builder keeps the user's
		// hyphens ("port-out PIN"), a requirement may be written either way
		{"mentioned with a space for a hyphen", func(c Case) Case { c.MustMention = []string{"port out"}; return c }, `"Ask the user for their port-out PIN."`, true, ""},
		{"mentioned with a hyphen for a space", func(c Case) Case { c.MustMention = []string{"self-exclusion"}; return c }, `"Say: Your self exclusion stays on."`, true, ""},
		{"run together is another word", func(c Case) Case { c.MustMention = []string{"portout"}; return c }, `"Ask the user for their port-out PIN."`, true, "\"portout\""},
		{"repeated words", func(c Case) Case { return c }, `"Explain to the user the user the account is open."`, true, "twice"},
		{"a repeat the user wrote", func(c Case) Case {
			c.Description += `; the avatar closes with exactly: "we'll have you checked in in a minute"`
			return c
		}, `"Say: We'll have you checked in in a minute."`, true, ""},
		{"a repeat of its own", func(c Case) Case { return c }, `"Say: We'll have you checked in in a minute."`, true, "twice"},
		{"no capital", func(c Case) Case { return c }, `"Say: thank you."`, true, "capital"},
		{"closing waits", func(c Case) Case { return c }, `"Ask the user the account is opened."`, false, "waits for a reply"},
		{"off topic", func(c Case) Case { return c }, `"Say: Your withdrawal is on its way."`, true, "withdraw"},
		{"signed in at a login", func(c Case) Case {
			c.Description = "step-up when someone logs in from a new country: liveness"
			return c
		}, `"Say: Thanks, you're verified and signed in."`, true, ""},
		{"signed in at a hyphenated log-in", func(c Case) Case {
			c.Description = "Log-in verification: liveness"
			return c
		}, `"Say: Thanks, you're verified and signed in."`, true, ""},
		{"a fragment for a line", func(c Case) Case { return c }, `"Say: So."`, true, "linking words"},
		{"a fragment to explain", func(c Case) Case { return c }, `"Explain to the user that yet."`, true, "linking words"},
		{"signed in elsewhere", func(c Case) Case { return c }, `"Say: Thanks, you're verified and signed in."`, true, "signed in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Judge(tt.c(base), output(t, tt.closing, tt.quiet))
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.True(t, strings.Contains(strings.Join(got, "\n"), tt.want), "%v", got)
		})
	}
}

func TestStructureErrors(t *testing.T) {
	var out Output
	require.NoError(t, json.Unmarshal([]byte(`{"flow": [{"id": "start", "type": "start", "outcome": "nowhere"}]}`), &out))
	assert.NotEmpty(t, Judge(Case{}, out))
}

// A comparison on the success path that reads an image no step before it
// captured is a problem, whatever the order of steps says; after its scan, none.
func TestJudgeUncapturedSource(t *testing.T) {
	flow := func(first, second string) Output {
		s := `{"flow": [
 {"id": "start", "type": "start", "outcome": "` + first + `"},
 {"id": "doc", "type": "document_scan", "outcomes": {"scanSuccess": "NEXT_DOC", "userCancelled": "end", "scanTimeout": "end"}},
 {"id": "cmp", "type": "face_compare", "sourceA": {"source": "documentPhoto"}, "sourceB": {"source": "sessionVideo"}, "outcomes": {"match": "NEXT_CMP", "noMatch": "end", "imageUnavailable": "end"}},
 {"id": "end", "type": "end"}]}`
		if first == "doc" {
			s = strings.NewReplacer("NEXT_DOC", second, "NEXT_CMP", "end").Replace(s)
		} else {
			s = strings.NewReplacer("NEXT_CMP", second, "NEXT_DOC", "end").Replace(s)
		}
		var out Output
		require.NoError(t, json.Unmarshal([]byte(s), &out))
		return out
	}
	bad := Judge(Case{Steps: []string{"face_compare", "document_scan"}}, flow("cmp", "doc"))
	assert.Contains(t, strings.Join(bad, "\n"), "no document_scan comes before it")
	assert.Empty(t, Judge(Case{Steps: []string{"document_scan", "face_compare"}}, flow("doc", "cmp")))
}

// A corpus is read strictly: a field the checks do not know, a branch without
// its outcome, or a setting that says neither a field nor mentions is refused,
// naming it, rather than judged on less than it says.
func TestLoadStrict(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"unknown field", `{"build": [{"id": "a", "steps": [], "minConversations": 0, "onn": []}]}`, `unknown field "onn"`},
		{"branch without outcome", `{"build": [{"id": "a", "steps": [], "minConversations": 0, "on": [{"type": "two_factor_email", "from": "two_factor_sms", "outcome": "delivery_failed"}]}]}`, `unknown field "outcome"`},
		{"branch from a type only", `{"edit": [{"id": "e", "steps": [], "minConversations": 0, "on": [{"type": "two_factor_email", "from": "two_factor_sms"}]}]}`, `case e: branch "from" is "two_factor_sms"`},
		{"empty setting", `{"build": [{"id": "s", "steps": [], "minConversations": 0, "settings": [{"type": "document_scan"}]}]}`, `case s: a setting needs`},
		{"fine", `{"about": "x", "build": [{"id": "a", "useCase": "login", "classes": ["typo"], "note": "n", "steps": [], "minConversations": 0, "on": [{"type": "document_scan", "from": "recognition.newUser"}], "branches": [{"after": "recognition", "outcome": "newUser", "contains": ["document_scan"]}], "settings": [{"type": "document_scan", "mentions": "passport"}]}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "c.json")
			require.NoError(t, os.WriteFile(p, []byte(tt.body), 0o600))
			_, err := Load(p)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

package flowbuild

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// intentCase is one entry of testdata/intents.json (a copy of shared/intents/intents.json).
type intentCase struct {
	ID               string   `json:"id"`
	Description      string   `json:"description"`
	Base             string   `json:"base"`
	Change           string   `json:"change"`
	Steps            []string `json:"steps"`
	MinConversations int      `json:"minConversations"`
	Absent           []string `json:"absent"`
}

func loadIntents(t testing.TB) (build, edit []intentCase) {
	t.Helper()
	data, err := os.ReadFile("testdata/intents.json")
	require.NoError(t, err)
	var doc struct {
		Build []intentCase `json:"build"`
		Edit  []intentCase `json:"edit"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	return doc.Build, doc.Edit
}

// judge checks a flow the way shared/tools/eval-intents does, independently of the
// package's own validator: structure, the success path's verification steps in
// order, the conversations on it, and the types that must be absent.
func judge(t *testing.T, f flow.Flow, steps []string, minConv int, absent []string) {
	t.Helper()
	// a JSON round trip: the checks see what FaceSign sees
	data, err := json.Marshal(f)
	require.NoError(t, err)
	back, err := flow.Decode(data)
	require.NoError(t, err)
	assert.Empty(t, flow.Errors(flow.Validate(back)), "Validate must find no errors")
	got, convs := successSteps(t, back)
	// the package's own SuccessPath agrees with this independent walk
	path, err := flow.SuccessPath(back)
	require.NoError(t, err)
	var viaPath []string
	for _, id := range path {
		if n := back.Node(id); n.Type != flow.TypeStart && n.Type != flow.TypeEnd && n.Type != flow.TypeConversation {
			viaPath = append(viaPath, string(n.Type))
		}
	}
	assert.Equal(t, got, append([]string{}, viaPath...), "SuccessPath")
	if steps == nil {
		steps = []string{}
	}
	assert.Equal(t, steps, got, "success-path steps")
	assert.GreaterOrEqual(t, convs, minConv, "conversations on the success path")
	for _, a := range absent {
		for _, n := range back {
			assert.NotEqual(t, flow.NodeType(a), n.Type, "%s must be absent", a)
		}
	}
	structural(t, back)
}

// successSteps walks start → success outcomes → end, as the intents file defines it.
func successSteps(t *testing.T, f flow.Flow) ([]string, int) {
	t.Helper()
	steps := []string{}
	convs := 0
	for _, n := range successNodes(t, f) {
		if n.Type == flow.TypeConversation {
			convs++
		} else {
			steps = append(steps, string(n.Type))
		}
	}
	return steps, convs
}

// successNodes walks the success path from the start node to the end,
// neither included: each node's success outcome (a list's first).
func successNodes(t *testing.T, f flow.Flow) []*flow.Node {
	t.Helper()
	start := f.Start()
	require.NotNil(t, start)
	var path []*flow.Node
	cur := start.Next
	for range len(f) + 1 {
		n := f.Node(cur)
		require.NotNil(t, n, "success path points at missing %q", cur)
		if n.Type == flow.TypeEnd {
			return path
		}
		path = append(path, n)
		info, _ := flow.Info(n.Type)
		if info.Shape == flow.ShapeList {
			require.NotEmpty(t, n.Outcomes)
			cur = n.Outcomes[0].Target
		} else {
			var ok bool
			cur, ok = n.Outcome(info.SuccessOutcome())
			require.True(t, ok, "%s has no %s outcome", n.ID, info.SuccessOutcome())
		}
	}
	t.Fatalf("the success path loops")
	return nil
}

// structural re-checks what eval-intents checks beyond Validate: full map outcomes,
// reachability, a path to an end from everywhere, and liveness after a recognition match.
func structural(t *testing.T, f flow.Flow) {
	t.Helper()
	byID := map[string]*flow.Node{}
	for i := range f {
		require.NotContains(t, byID, f[i].ID, "duplicate id")
		byID[f[i].ID] = &f[i]
	}
	for _, n := range f {
		info, ok := flow.Info(n.Type)
		require.True(t, ok)
		if info.Shape == flow.ShapeMap {
			for _, o := range info.Outcomes {
				_, has := n.Outcome(o)
				assert.True(t, has, "%s misses outcome %s", n.ID, o)
			}
		}
		if n.Type == flow.TypeConversation {
			assert.NotEmpty(t, strings.TrimSpace(n.Prompt), "%s has an empty prompt", n.ID)
			assert.NotEmpty(t, n.Outcomes, "%s has no outcomes", n.ID)
		}
		for _, e := range n.Edges() {
			assert.Contains(t, byID, e.Target, "%s points at missing %s", n.ID, e.Target)
		}
	}
	seen := map[string]bool{}
	todo := []string{f.Start().ID}
	for len(todo) > 0 {
		cur := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[cur] || byID[cur] == nil {
			continue
		}
		seen[cur] = true
		for _, e := range byID[cur].Edges() {
			todo = append(todo, e.Target)
		}
	}
	for id := range byID {
		assert.True(t, seen[id], "%s unreachable", id)
	}
	canEnd := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for id, n := range byID {
			if canEnd[id] {
				continue
			}
			if n.Type == flow.TypeEnd {
				canEnd[id], changed = true, true
				continue
			}
			for _, e := range n.Edges() {
				if canEnd[e.Target] {
					canEnd[id], changed = true, true
					break
				}
			}
		}
	}
	for id := range byID {
		assert.True(t, canEnd[id], "%s cannot reach an end", id)
	}
	for _, n := range f {
		if n.Type != flow.TypeRecognition {
			continue
		}
		target, _ := n.Outcome("recognized")
		assert.Equal(t, flow.TypeLiveness, byID[target].Type, "recognized must lead to liveness")
		for _, o := range n.Outcomes {
			assert.NotEqual(t, flow.TypeEnd, byID[o.Target].Type, "recognition outcome %s straight to end", o.ID)
		}
	}
	for _, n := range f {
		if n.Type != flow.TypeLiveness {
			continue
		}
		for _, o := range n.Outcomes {
			assert.Equal(t, flow.TypeConversation, byID[o.Target].Type, "liveness %s outcome %s must reach a conversation", n.ID, o.ID)
		}
	}
}

func TestBuildIntents(t *testing.T) {
	build, _ := loadIntents(t)
	require.Len(t, build, 30)
	for _, c := range build {
		t.Run(c.ID, func(t *testing.T) {
			res, err := Build(c.Description, Options{})
			require.NoError(t, err)
			judge(t, res.Flow, c.Steps, c.MinConversations, c.Absent)
			assert.NotEmpty(t, res.Summary)
			for _, w := range res.Warnings {
				assert.Contains(t, []string{"liveness_added"}, w.Code, "unexplained warning: %s", w)
			}
		})
	}
}

func TestEditIntents(t *testing.T) {
	_, edits := loadIntents(t)
	require.Len(t, edits, 6)
	for _, c := range edits {
		t.Run(c.ID, func(t *testing.T) {
			base, err := Build(c.Base, Options{})
			require.NoError(t, err)
			res, err := Edit(base.Flow, c.Change, Options{})
			require.NoError(t, err)
			judge(t, res.Flow, c.Steps, c.MinConversations, c.Absent)
			// nodes the change did not touch keep their ids
			kept := 0
			for _, n := range base.Flow {
				if res.Flow.Node(n.ID) != nil {
					kept++
				}
			}
			assert.GreaterOrEqual(t, kept, len(base.Flow)-3, "most ids survive the edit")
		})
	}
}

func TestBuildWarnsWhenLivenessAdded(t *testing.T) {
	res, err := Build("Quick check for a returning user: do face recognition only.", Options{})
	require.NoError(t, err)
	assert.Contains(t, warningCodes(res), "liveness_added")
}

func warningCodes(r Result) []string {
	var codes []string
	for _, w := range r.Warnings {
		codes = append(codes, w.Code)
	}
	return codes
}

// Liveness ruled out, or said to be done outside the flow, still comes back
// after a recognition, and the warning says it was kept against the text.
func TestBuildWarnsWhenLivenessKept(t *testing.T) {
	for _, desc := range []string{
		"Login: face recognition only, no liveness.",
		"Login: face recognition only, no liveness needed because our app already does it",
		"Recognise them. Our app does the liveness check itself.",
	} {
		res, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		assert.Contains(t, warningCodes(res), "liveness_kept", desc)
	}
	// (a liveness check done elsewhere, beside the one the text asks for, is
	// nothing kept against it)
	res, err := Build("Face recognition, then a liveness check. Our app already did a liveness check at signup.", Options{})
	require.NoError(t, err)
	assert.NotContains(t, warningCodes(res), "liveness_kept")
}

func TestBuildQuestionsAndAnswers(t *testing.T) {
	desc := "Liveness check, then send a one-time code, then scan their ID."
	res, err := Build(desc, Options{})
	require.NoError(t, err)
	ids := questionIDs(res.Questions)
	assert.Equal(t, []string{"avatar", "langs", "on_failure", "otp_channel", "documents"}, ids)
	for _, q := range res.Questions {
		assert.NotEmpty(t, q.Text)
		assert.NotEmpty(t, q.Options, q.ID)
	}

	res, err = Build(desc, Options{AvatarID: "av_1", Langs: []string{"en", "es"}, OnFailure: "offer retry", OTPChannel: "email", DocumentTypes: []string{"passport"}})
	require.NoError(t, err)
	assert.Empty(t, res.Questions, "answered questions are not asked again")
	assert.Equal(t, SessionSettings{AvatarID: "av_1", Langs: []string{"en", "es"}}, res.Settings)
	got, _ := successSteps(t, res.Flow)
	assert.Equal(t, []string{"liveness_detection", "two_factor_email", "document_scan"}, got)
	doc := nodeOfType(res.Flow, flow.TypeDocumentScan)
	assert.Equal(t, []string{"passport"}, doc.AllowedDocumentTypes)
}

// "18 age brackets" counts brackets: the number is no age read from the text,
// so the minimum age is asked, not stated (912e23e read "N age" as an age).
func TestBuildAgeWordBeforeNounIsNoAge(t *testing.T) {
	res, err := Build("Liveness, then an ID scan. We check 18 age brackets in analytics later.", Options{})
	require.NoError(t, err)
	assert.Contains(t, questionIDs(res.Questions), "min_age")
	res, err = Build("Scan the ID; they must be 21 age or older.", Options{})
	require.NoError(t, err)
	assert.NotContains(t, questionIDs(res.Questions), "min_age")
	age := nodeOfType(res.Flow, flow.TypeDataValidation)
	require.NotNil(t, age, "the age said with \"age\" after it is the check's")
	assert.Equal(t, "21", age.Validation.Value)
}

// An age the text names only to rule its check out ("payouts only go to 18+
// accounts, … don't add any age check") is not what the flow is for: no line
// says it confirms the user's age.
func TestBuildExcludedAgeIsNoPurpose(t *testing.T) {
	res, err := Build("Payout step-up: liveness, then an SMS code. Payouts only go to 18+ accounts but we check age at signup, so no age check here.", Options{})
	require.NoError(t, err)
	assert.Nil(t, nodeOfType(res.Flow, flow.TypeDataValidation))
	for _, n := range res.Flow {
		assert.NotContains(t, n.Prompt, "your age", n.ID)
		assert.NotContains(t, n.Prompt, "age requirement", n.ID)
		assert.NotContains(t, n.Prompt, "signing up", n.ID) // "at signup" is when the age was checked, not what this flow is for
	}
	// the flow is the payout's: its lines say so
	var lines strings.Builder
	for _, n := range res.Flow {
		lines.WriteString(n.Prompt)
	}
	assert.Contains(t, lines.String(), "payout")
}

// An age range keeps the minimum in the check and says the upper end ("over
// 65" was once read as the minimum when "18 or over" stopped joining).
func TestBuildAgeRangeKeepsMinimum(t *testing.T) {
	for _, desc := range []string{
		"Scan their passport; reject anyone under 18 or over 65.",
		"Scan their passport and reject anyone under 18 or over 65.",
		"Scan the ID. Deny access to anyone under 18 or over 65.",
	} {
		res, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		age := nodeOfType(res.Flow, flow.TypeDataValidation)
		require.NotNil(t, age, desc)
		assert.Equal(t, "18", age.Validation.Value, desc)
		assert.Equal(t, "olderThan", age.Validation.Action, desc)
		assert.Contains(t, strings.Join(res.Assumptions, "\n"), "youngerThan 66", desc)
	}
}

func TestBuildOnFailureShapesFlow(t *testing.T) {
	desc := "Liveness, then an email code."
	tests := []struct {
		answer string
		check  func(t *testing.T, f flow.Flow)
	}{
		{"end politely", func(t *testing.T, f flow.Flow) {
			live := nodeOfType(f, flow.TypeLiveness)
			target, _ := live.Outcome("deepfakeDetected")
			fail := f.Node(target)
			require.NotNil(t, fail)
			assert.True(t, fail.DoesNotRequireReply)
			assert.Contains(t, fail.Prompt, "sorry")
			next := f.Node(fail.Outcomes[0].Target)
			assert.Equal(t, flow.TypeEnd, next.Type)
		}},
		{"offer retry", func(t *testing.T, f flow.Flow) {
			live := nodeOfType(f, flow.TypeLiveness)
			target, _ := live.Outcome("noFace")
			retry := f.Node(target)
			require.NotNil(t, retry)
			assert.Equal(t, flow.TypeConversation, retry.Type)
			back, ok := retry.Outcome("retry")
			assert.True(t, ok)
			assert.Equal(t, live.ID, back, "retry goes back to the failed step")
			assert.Equal(t, "retry", retry.Outcomes[0].ID, "the positive outcome first")
		}},
		{"hand to a human", func(t *testing.T, f flow.Flow) {
			otp := nodeOfType(f, flow.TypeTwoFactorEmail)
			target, _ := otp.Outcome("failed_unverified")
			assert.Contains(t, f.Node(target).Prompt, "member of our team")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.answer, func(t *testing.T) {
			res, err := Build(desc, Options{OnFailure: tt.answer})
			require.NoError(t, err)
			assert.NotContains(t, questionIDs(res.Questions), "on_failure")
			assert.Empty(t, flow.Errors(flow.Validate(res.Flow)))
			tt.check(t, res.Flow)
		})
	}
}

func TestBuildParameters(t *testing.T) {
	tests := []struct {
		name  string
		desc  string
		check func(t *testing.T, r Result)
	}{
		{"amount in the prompts", "Wire transfers over $5,000: liveness, then confirm the transfer details.", func(t *testing.T, r Result) {
			assert.Contains(t, nodeOfType(r.Flow, flow.TypeConversation).Prompt, "$5,000")
		}},
		{"kilo amount", "Crypto withdrawal over 10k: liveness first, then confirm the destination wallet.", func(t *testing.T, r Result) {
			assert.Contains(t, promptOf(r.Flow, "confirm_wallet"), "10k")
		}},
		{"driver's license", "Scan a driver's license.", func(t *testing.T, r Result) {
			assert.Equal(t, []string{"dl"}, nodeOfType(r.Flow, flow.TypeDocumentScan).AllowedDocumentTypes)
		}},
		{"passport", "scan the pasport", func(t *testing.T, r Result) {
			assert.Equal(t, []string{"passport"}, nodeOfType(r.Flow, flow.TypeDocumentScan).AllowedDocumentTypes)
		}},
		{"age over 21", "Scan their ID and make sure they are over 21.", func(t *testing.T, r Result) {
			v := nodeOfType(r.Flow, flow.TypeDataValidation).Validation
			assert.Equal(t, &flow.Validation{Field: "dateOfBirth", Action: "olderThan", Value: "21"}, v)
		}},
		{"age 18+", "ID scan, 18+ only.", func(t *testing.T, r Result) {
			assert.Equal(t, "18", nodeOfType(r.Flow, flow.TypeDataValidation).Validation.Value)
		}},
		{"languages", "Liveness check in Spanish and English.", func(t *testing.T, r Result) {
			assert.Equal(t, []string{"es", "en"}, r.Settings.Langs)
			assert.NotContains(t, questionIDs(r.Questions), "langs")
		}},
		{"avatar name", "Use the avatar named Anna. Liveness check then SMS code.", func(t *testing.T, r Result) {
			assert.Equal(t, "Anna", r.Settings.AvatarID)
			assert.NotContains(t, questionIDs(r.Questions), "avatar")
		}},
		{"otp channel email", "Liveness then a 6-digit code by email.", func(t *testing.T, r Result) {
			n := nodeOfType(r.Flow, flow.TypeTwoFactorEmail)
			require.NotNil(t, n.OTPLength)
			assert.Equal(t, 6, *n.OTPLength)
		}},
		{"stored photo", "Take a selfie and compare it with the photo we provide.", func(t *testing.T, r Result) {
			n := nodeOfType(r.Flow, flow.TypeFaceCompare)
			assert.Equal(t, &flow.FaceSource{Source: "providedData", ProvidedDataKey: "photo"}, n.SourceA)
			assert.Equal(t, &flow.FaceSource{Source: "faceScan"}, n.SourceB)
		}},
		{"policy from text", "Liveness check. If it fails, hand them to a human agent.", func(t *testing.T, r Result) {
			assert.NotContains(t, questionIDs(r.Questions), "on_failure")
			live := nodeOfType(r.Flow, flow.TypeLiveness)
			target, _ := live.Outcome("noFace")
			assert.Contains(t, r.Flow.Node(target).Prompt, "member of our team")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			assert.Empty(t, flow.Errors(flow.Validate(r.Flow)))
			tt.check(t, r)
		})
	}
}

func TestBuildPrompts(t *testing.T) {
	r, err := Build("Build a step-up verification for wire transfers over $5,000. Start with liveness detection, then ask the user to confirm the transfer details in a conversation. Include coercion detection. Send an email OTP as the final step.", Options{})
	require.NoError(t, err)
	greet := r.Flow.Node(r.Flow.Start().Next)
	assert.True(t, strings.HasPrefix(greet.Prompt, "Say: "))
	assert.GreaterOrEqual(t, len(strings.Fields(greet.Prompt))-1, 12, "a greeting long enough for video work")
	ask := nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return !n.DoesNotRequireReply })
	require.NotNil(t, ask)
	for _, w := range []string{"recipient", "amount", "pressured"} {
		assert.Contains(t, ask.Prompt, w)
	}
	assert.Equal(t, "confirmed", ask.Outcomes[0].ID, "the positive outcome first")
	assert.NotEmpty(t, ask.Outcomes[0].Condition)
	assert.NotEmpty(t, ask.Outcomes[1].Condition)

	r, err = Build("Detect deepfakes on the live video, then ask the caller why they are requesting a SIM swap.", Options{})
	require.NoError(t, err)
	assert.Contains(t, nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return !n.DoesNotRequireReply }).Prompt, "why they are requesting a SIM swap")

	r, err = Build("Remote notarization: scan ID, liveness check, then the avatar asks them to state their full name and confirm they sign willingly, then email OTP.", Options{})
	require.NoError(t, err)
	p := nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return !n.DoesNotRequireReply }).Prompt
	assert.Contains(t, p, "full name")
	assert.Contains(t, p, "willingly")
}

func TestBuildErrors(t *testing.T) {
	for _, d := range []string{"", "   ", "the weather is nice today", strings.Repeat("liveness ", 1000)} {
		_, err := Build(d, Options{})
		assert.Error(t, err, "%q", d)
	}
}

func TestBuildDeterministic(t *testing.T) {
	build, _ := loadIntents(t)
	for _, c := range build {
		a, err := Build(c.Description, Options{})
		require.NoError(t, err)
		b, err := Build(c.Description, Options{})
		require.NoError(t, err)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		assert.Equal(t, string(ja), string(jb), c.ID)
	}
}

func questionIDs(qs []Question) []string {
	out := []string{}
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}

func nodeOfType(f flow.Flow, typ flow.NodeType, pred ...func(*flow.Node) bool) *flow.Node {
	for i := range f {
		if f[i].Type != typ {
			continue
		}
		if len(pred) > 0 && !pred[0](&f[i]) {
			continue
		}
		return &f[i]
	}
	return nil
}

func promptOf(f flow.Flow, id string) string {
	if n := f.Node(id); n != nil {
		return n.Prompt
	}
	return ""
}

var _ = slices.Contains[[]string]

// Digits of other scripts ("۷", "١٨", "１８", "꩖") are words, not numbers: the
// number scan reads ASCII digits only, and a non-ASCII digit that started one
// made no progress, so tokenize appended tokens until memory ran out (found by
// FuzzBuild on "۷" and FuzzEdit on "… 0꩖I| 0(0").
func TestTokenizeNonASCIIDigits(t *testing.T) {
	tests := []struct {
		text string
		want []string // number tokens as "#" and their text, words as their text
	}{
		{"۷", []string{"۷"}},
		{"over ١٨ years", []string{"over", "١٨", "years"}},
		{"１８+ only", []string{"１８", "only"}},
		{"18۷", []string{"#18", "۷"}},
		{"$۷ and $5", []string{"۷", "and", "#5"}},
		{"x۷ 0꩖I", []string{"x۷", "#0", "꩖i"}},
		{"over 21+", []string{"over", "#21"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			withinOrCrash(t, func() {
				for _, tok := range tokenize(tt.text) {
					if tok.isNum {
						got = append(got, "#"+tok.raw)
					} else {
						got = append(got, tok.raw)
					}
				}
			})
			assert.Equal(t, tt.want, got)
		})
	}
}

// A domain name is one token ("check it ends with @contoso.com"): its dots end
// no sentence; a missing space after a full stop makes none.
func TestTokenizeDomains(t *testing.T) {
	tests := []struct {
		text string
		want []string // raw words; "" for a separator
	}{
		{"ends with @contoso.com.", []string{"ends", "with", "@contoso.com", ""}},
		{"an acme.co.uk email", []string{"an", "acme.co.uk", "email"}},
		{"user@Mail.Example.ORG", []string{"user", "@mail.example.org"}}, // no word of writing to it: an example of the domain
		{"like jane@acme.com", []string{"like", "jane", "@acme.com"}},
		{"write to support@sparkd.app.", []string{"write", "to", "support@sparkd.app", ""}},
		{"the check.then sms", []string{"the", "check", "", "then", "sms"}},
		{"@x.c @.com a@b", []string{"x", "", "c", "", "com", "a", "b"}},
		{"@acme.xyz", []string{"@acme.xyz"}},
		{"acme.xyz", []string{"acme", "", "xyz"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := []string{}
			for _, tok := range tokenize(tt.text) {
				got = append(got, tok.raw)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// Build and Edit answer descriptions with other scripts' digits like any other text.
func TestBuildAndEditNonASCIIDigits(t *testing.T) {
	base := built(t, "Liveness then SMS OTP.", Options{})
	tests := []struct {
		text    string
		noSteps bool // the text names no step
	}{
		{"۷", true},
		{"Code Codiiiiiiiiiiie 0 0꩖I| 0(0", false}, // "code": an OTP step
		{"Liveness check, then make sure they are over ١٨.", false},
		{"Scan their passport, １８+ only.", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var built, edited Result
			var buildErr, editErr error
			withinOrCrash(t, func() {
				built, buildErr = Build(tt.text, Options{})
				edited, editErr = Edit(base.Clone(), tt.text, Options{})
			})
			if tt.noSteps {
				assert.ErrorIs(t, buildErr, ErrNoSteps)
				assert.Error(t, editErr)
				return
			}
			require.NoError(t, buildErr)
			assert.Empty(t, flow.Errors(flow.Validate(built.Flow)))
			if editErr != nil {
				// as a change, a text that only names steps the base already has
				// changes nothing, and says so
				assert.Contains(t, editErr.Error(), "could not tell what to change")
				return
			}
			assert.Empty(t, flow.Errors(flow.Validate(edited.Flow)))
		})
	}
}

// withinOrCrash runs f and crashes the test binary if it has not returned in 10 s:
// a tokenizer that makes no progress allocates without bound, and failing the
// test alone would leave it running until the machine's memory is gone.
func withinOrCrash(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		panic(t.Name() + ": did not return within 10s")
	}
}

// A retry asked for when one named step fails goes on that step only; a retry
// for any check goes on every check. Edit keeps a single step's retry where it
// was and gives none to the steps it adds, and a policy for the whole flow
// replaces it.
func TestBuildRetryOfOneStep(t *testing.T) {
	retried := func(f flow.Flow) []string {
		var out []string
		for _, n := range f {
			for _, o := range n.Outcomes {
				if o.ID == "retry" {
					out = append(out, o.Target)
				}
			}
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		desc string
		want []string
	}{
		{"passport scan, then liveness. if the liveness check fails, offer a retry", []string{"liveness"}},
		{"scan their passport, then a liveness check. if it fails, let them try again", []string{"liveness"}},
		{"passport scan, selfie, compare, liveness. if the compare fails let them retry once", []string{"again_face_compare"}},
		{"passport scan, then liveness. if a check fails, offer a retry", []string{"document_scan", "liveness"}},
		{"passport scan, then liveness. if any of them fails, offer a retry", []string{"document_scan", "liveness"}},
		{"passport scan, then liveness. if anything fails, let them try again", []string{"document_scan", "liveness"}},
	} {
		res, err := Build(tt.desc, Options{})
		require.NoError(t, err, tt.desc)
		require.Empty(t, flow.Errors(flow.Validate(res.Flow)), tt.desc)
		assert.Equal(t, tt.want, retried(res.Flow), tt.desc)
	}

	one, err := Build("passport scan, then liveness. if the liveness check fails, offer a retry", Options{})
	require.NoError(t, err)
	assert.Contains(t, one.Summary, "When the liveness check fails, the avatar offers to try it again")
	assert.Contains(t, one.Summary, "Any other failed check ends the session")
	added, err := Edit(one.Flow, "add an email code at the end", Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"liveness"}, retried(added.Flow), "the added code gets no retry")
	all, err := Edit(one.Flow, "add an email code at the end", Options{OnFailure: "offer retry"})
	require.NoError(t, err)
	assert.Equal(t, []string{"document_scan", "email_code", "liveness"}, retried(all.Flow))
	none, err := Edit(one.Flow, "add an email code at the end", Options{OnFailure: "end politely"})
	require.NoError(t, err)
	assert.Empty(t, retried(none.Flow))

	every, err := Build("passport scan, then liveness. if a check fails, offer a retry", Options{})
	require.NoError(t, err)
	more, err := Edit(every.Flow, "add an email code at the end", Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"document_scan", "email_code", "liveness"}, retried(more.Flow), "the retry policy reaches the added code")
}

// An enrollment that first looks the user up speaks to both: returning users
// are not told they were just enrolled, new ones are told why their path goes on,
// and a liveness check the new-user path asks for is the one it already has.
func TestBuildEnrollmentThatLooksUp(t *testing.T) {
	for _, desc := range []string{
		"face login: first time, users enroll their face (liveness + face scan). next times we just recognize them",
		"first time users enroll their face with liveness and a face scan; returning users are just recognized",
	} {
		res, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		require.Empty(t, flow.Errors(flow.Validate(res.Flow)), desc)
		var livenesses int
		prompts := map[string]string{}
		for _, n := range res.Flow {
			if n.Type == flow.TypeLiveness {
				livenesses++
			}
			prompts[n.ID] = n.Prompt
		}
		assert.Equal(t, 2, livenesses, "%s: one on each path", desc)
		assert.NotContains(t, prompts["closing"], "You're enrolled", desc)
		assert.Contains(t, prompts["greeting"], "first time", desc)
		assert.Contains(t, prompts["new_user"], "first time", desc)
		assert.NotContains(t, prompts["new_user"], "another way", desc)
	}
}

// "say welcome" welcomes the user to what the flow is for; only an onboarding or
// an enrollment promises that the face is recognised from now on.
func TestBuildWelcomeLine(t *testing.T) {
	for _, tt := range []struct {
		desc, want, not string
	}{
		{"hotel check-in: scan the passport, compare the face, then say welcome", "check-in is complete", "recognise you"},
		{"liveness then an sms code, then welcome them", "Welcome!", "recognise you"},
		{"onboarding: passport, selfie, compare, then welcome them", "recognise you", ""},
	} {
		r, err := Build(tt.desc, Options{})
		require.NoError(t, err, tt.desc)
		var said []string
		for _, n := range r.Flow {
			if n.Type == flow.TypeConversation {
				said = append(said, n.Prompt)
			}
		}
		all := strings.Join(said, "\n")
		assert.Contains(t, all, tt.want, tt.desc)
		if tt.not != "" {
			assert.NotContains(t, all, tt.not, tt.desc)
		}
	}
}

// A greeting told what to say, unquoted ("the greeting should say welcome to
// Acme"), opens with those words and still says what the session is for; the
// words are no step of their own, and "greet them with a smile" is no wording.
func TestBuildGreetingOpening(t *testing.T) {
	for _, tt := range []struct{ desc, want string }{
		{"face login. the greeting should say welcome to Acme", "Say: Welcome to Acme. I'll confirm it's you"},
		{"liveness check, then email code. greet them with welcome to Acme Bank", "Say: Welcome to Acme Bank. I'll guide you"},
		{"account recovery: greet them by saying hello from the Acme team, then liveness and an sms code", "Say: Hello from the Acme team. I'm here to help you get back into your account."},
		{"start by saying welcome to Acme Bank, then a liveness check and an email code", "Say: Welcome to Acme Bank. I'll guide you"},
		{"greet them with a smile, then liveness", "Say: Hello, and thanks for taking a moment."},
		{`liveness. open with "Hi, thanks for calling"`, "Say: Hi, thanks for calling."},
	} {
		r, err := Build(tt.desc, Options{})
		require.NoError(t, err, tt.desc)
		assert.True(t, strings.HasPrefix(r.Flow.Node("greeting").Prompt, tt.want), "%s: %s", tt.desc, r.Flow.Node("greeting").Prompt)
		for _, n := range r.Flow {
			if n.Type == flow.TypeConversation && n.ID != "greeting" {
				assert.NotContains(t, n.Prompt, "Acme", "%s: only the greeting says it", tt.desc)
			}
		}
	}
}

// A new-user path that only tells the user something and then ends ("if
// they're not found, tell them to contact the exam office and end") ends on its
// own line, opened by a line that promises no other way to verify them, and a
// change to the flow keeps it ending there.
//
// Told to go elsewhere ("tell them to see the pharmacist") the path ends there
// too, without "and end": it once went on to the closing that tells verified
// users they are verified.
func TestBuildNewUserPathEndsOnItsLine(t *testing.T) {
	for _, tt := range []struct{ desc, line string }{
		{"recognise the student, liveness, read them the rules. if they're not found, tell them to contact the exam office and end", "Tell the user to contact the exam office."},
		{"pharmacy: the avatar asks for their date of birth, then face recognition against enrolled patients. if not recognised, tell them to see the pharmacist", "Tell the user to see the pharmacist."},
	} {
		r, err := Build(tt.desc, Options{})
		require.NoError(t, err)
		check := func(t *testing.T, f flow.Flow) {
			t.Helper()
			assert.Equal(t, newUserToldPrompt, f.Node("new_user").Prompt)
			path := newUserPath(f)
			require.Len(t, path, 1)
			assert.Equal(t, tt.line, path[0].Prompt)
			assert.Equal(t, flow.TypeEnd, f.Node(path[0].Outcomes[0].Target).Type, "%s: the path ends on its line", tt.desc)
		}
		check(t, r.Flow)
		e, err := Edit(r.Flow.Clone(), "add an sms code at the end", Options{})
		require.NoError(t, err)
		check(t, e.Flow)
	}
}

// The words the user is told to answer with stay whole past a comma ("ask them
// to reply yes, that is correct"), and are no topic of the question ("say yes,
// I approve this transfer" asks for that answer, not for the transfer's details).
func TestBuildAnswerLine(t *testing.T) {
	for _, tt := range []struct{ desc, want string }{
		{"wire transfer: read back the amount and ask them to reply yes, that is correct, then liveness", "ask them to reply yes, that is correct."},
		{"wire transfer: ask them to say yes, I approve this transfer, then an sms code", "Ask the user to say yes, I approve this transfer."},
		{"ask them to confirm yes, then do a liveness check", "Ask the user to confirm yes."},
	} {
		r, err := Build(tt.desc, Options{})
		require.NoError(t, err, tt.desc)
		var asked []string
		for _, n := range r.Flow {
			if n.Type == flow.TypeConversation && !n.DoesNotRequireReply {
				asked = append(asked, n.Prompt)
			}
		}
		require.Len(t, asked, 1, tt.desc)
		assert.Contains(t, asked[0], tt.want, tt.desc)
	}
}

// A step said to be every user's after a recognition's new-user path ("then an
// email code for everyone", "both groups get an SMS code") is where that path
// goes on to; without such words the path finishes at the closing.
func TestBuildBranchJoins(t *testing.T) {
	for _, tt := range []struct{ desc, join string }{
		{"face login: recognize the user; if they're new, scan their ID and compare it with their face. after that, everyone gets an email code", "email_code"},
		{"recognition; new users do an ID scan and a face compare; then both groups get an sms code", "sms_code"},
		{"recognise them. if they're not recognised, scan their passport. either way, finish with an email code", "email_code"},
		{"recognise them. if they're not recognised, scan their passport. then an email code", "closing"},
	} {
		r, err := Build(tt.desc, Options{})
		require.NoError(t, err, tt.desc)
		path := newUserPath(r.Flow)
		require.NotEmpty(t, path, tt.desc)
		assert.Equal(t, tt.join, path[len(path)-1].Outcomes[0].Target, tt.desc)
		if tt.join != "closing" {
			assert.NotContains(t, strings.Join(r.Assumptions, " "), "then finishes", tt.desc)
		}
	}
}

// A step left out for small amounts stays (no node sees the amount) and an
// assumption says so; what is said of large amounts is said of the step-up flow
// itself ("for transfers over 10k no email code").
func TestBuildAmountCondition(t *testing.T) {
	for _, tt := range []struct {
		desc string
		note bool
	}{
		{"wire transfer: liveness, read back the amount, sms code. for transfers under 500 skip the read back", true},
		{"wire transfer: liveness, read back the amount, sms code. no read back for payments of less than $200", true},
		{"for transfers over 10k no email code, just liveness and sms", false},
		{"if they're under 21 they can't order, scan their ID first", false},
	} {
		r, err := Build(tt.desc, Options{})
		require.NoError(t, err, tt.desc)
		assert.Equal(t, tt.note, strings.Contains(strings.Join(r.Assumptions, " "), "cannot see the amount"), tt.desc)
		if tt.note {
			assert.NotNil(t, r.Flow.Node("confirm_details"), "%s: the read-back stays", tt.desc)
		}
	}
}

// A payment's lines say the text's own word for the money moving.
func TestBuildPaymentNoun(t *testing.T) {
	for _, tt := range []struct{ desc, want string }{
		{"for withdrawals above 2k: liveness, then an SMS code", "withdrawal"},
		{"Big payouts (over 10k EUR) need an extra check: liveness and then an SMS code", "payout"},
		{"checkout step-up: liveness then an email code", "purchase"},
		{"payment approval: liveness then an email code", "payment"},
	} {
		r, err := Build(tt.desc, Options{})
		require.NoError(t, err, tt.desc)
		for _, id := range []string{"greeting", "closing", "failure"} {
			assert.Contains(t, r.Flow.Node(id).Prompt, tt.want, "%s: %s", tt.desc, id)
		}
	}
	// the questions say it too
	r, err := Build("purchase approval for big purchases over $2000: liveness, confirm the purchase details, sms code", Options{})
	require.NoError(t, err)
	assert.Equal(t, "Ask the user to confirm the recipient and the amount of the purchase of over $2000.", r.Flow.Node("confirm_details").Prompt)
}

// What the avatar says fits the flow described: the user's words are spelled as a
// line is ("theyre" → "they're"), a check that "confirms" something asks nothing,
// "enrolled users" searched among is no enrollment, and a check-in closing does not
// assume a hotel.
func TestBuildPromptsFitTheFlow(t *testing.T) {
	prompts := func(t *testing.T, desc string) string {
		t.Helper()
		r, err := Build(desc, Options{})
		require.NoError(t, err)
		var ps []string
		for _, n := range r.Flow {
			if n.Prompt != "" {
				ps = append(ps, n.Prompt)
			}
		}
		return strings.Join(ps, "\n")
	}
	tests := []struct {
		desc         string
		want, unwant []string
	}{
		{"greet them, then the avatar asks whether theyre happy to continue, then liveness", []string{"they're happy"}, []string{"theyre"}},
		{"Verify it's a live human: an SMS code first, and a liveness check that confirms they're physically present.", nil, []string{"Ask the user"}},
		{"sign-in: search for the face among enrolled members, liveness after", []string{"signed in"}, []string{"You're enrolled"}},
		{"clinic check-in: liveness, then an SMS code", []string{"check-in is complete"}, []string{"stay"}},
		{"enroll the new hire's face: face scan, then liveness", []string{"enrolled"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			ps := prompts(t, tt.desc)
			for _, w := range tt.want {
				assert.Contains(t, ps, w)
			}
			for _, w := range tt.unwant {
				assert.NotContains(t, ps, w)
			}
		})
	}
}

// A label that names the flow's purpose ("device recovery — user lost phone")
// is read as that purpose, not reported as words no step matches.
func TestBuildPurposeLabel(t *testing.T) {
	for _, tt := range []struct{ desc, label, purpose string }{
		{"device recovery — user lost phone. verify them by face against their enrolled profile, then an email OTP", "device recovery", "device recovery"},
		{"Crypto withdrawal. Liveness then sms", "Crypto withdrawal", "crypto withdrawal step-up"},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			all := strings.Join(r.Assumptions, "\n")
			assert.Contains(t, all, `Read "`+tt.label+`" as the flow's purpose (`+tt.purpose+`)`)
			assert.NotContains(t, all, unplacedPrefix+tt.label)
		})
	}
}

// Clauses that are read for what they are, not reported as words no step
// matches: what a failed check means for the person ("otherwise they can't
// buy": the failure path), data passed in providedData, a time clause that
// places the next step, what the integrator's form does before the flow.
func TestBuildReadsWithoutUnplacedNotes(t *testing.T) {
	for _, tt := range []struct{ desc, note string }{
		{"Passport scan then liveness, otherwise they can't open the account.", "A failed check ends the session with a polite message."},
		{"scan their ID and check they're over 18, or else no sale", "A failed check ends the session with a polite message."},
		{"liveness then an SMS code. Otherwise they do not get in.", "A failed check ends the session with a polite message."},
		{"The name on the ID has to match the account holder name (we pass it in providedData.name). Then liveness.", `Read "we pass it in providedData.name" as data your app passes in the session's providedData, for a check to compare with.`},
		{"passport scan. once that is verified, liveness", ""},
		{"they type their full legal name in our signup form before this. scan a government ID, the name on it has to match the name they gave us.", ""},
		{"exam check-in: before the exam starts, recognise the student, then liveness", `Read "before the exam starts" as when the flow runs, not as a step.`},
		{"recognise them - our loyalty club members are enrolled already. non-members: scan a passport", `Read "our loyalty club members are enrolled already" as the users the face recognition finds; the others take its new-user path.`},
		{"recognition. faces we don't know -> passport scan. both groups then get an sms code", ""},
		{"permission prompt then a doc scan, no avatar talking at all, our ui does the explaining", `Read "our ui does the explaining" as handled outside the flow, so the flow does not include it.`},
		{"age gate: check they're 21+ from their DL, no face stuff needed", ""},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			assert.NotContains(t, strings.Join(r.Assumptions, "\n"), unplacedPrefix)
			if tt.note != "" {
				assert.Contains(t, r.Assumptions, tt.note)
			}
		})
	}
}

// The summary says what happens off the main path: the new users' steps and a
// failed step's fallback, not "is told no account matched" over a path that
// goes on.
func TestBuildSummaryOffTheMainPath(t *testing.T) {
	r, err := Build("Recognise them. Known users: liveness then an SMS code. New users: liveness, passport scan, face compare, then an SMS code.", Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Summary, "a new or unseen face gets its own liveness check, then the avatar scans an identity document, compares the document photo with the live video, and sends a one-time code by SMS.")
	assert.NotContains(t, r.Summary, "no account matched")

	r, err = Build("liveness, then sms code; if the sms can't be delivered send an email code instead", Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Summary, "When the SMS one-time code can't be delivered, the avatar sends a one-time code by email instead.")
}

// A code that never arrived is all that goes to the fallback when the text
// says so ("doesn't arrive", "bounces", "undeliverable"), however it names the
// code; a wrong code fails, and the summary and assumption say which.
func TestBuildFallbackOnDelivery(t *testing.T) {
	tests := []struct{ desc, code, fallback string }{
		{"Send an email code; if it doesn't arrive, send an SMS code instead.", "email_code", "fallback_sms_code"},
		{"Text them a code. If it never comes through, email one instead.", "sms_code", "fallback_email_code"},
		{"Liveness, then a 6-digit email code; if the email bounces, fall back to SMS.", "email_code", "fallback_sms_code"},
		{"SMS code first. If the text is undeliverable, send an email code.", "sms_code", "fallback_email_code"},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			n := r.Flow.Node(tt.code)
			require.NotNil(t, n)
			for _, o := range n.Outcomes {
				fell := r.Flow.Node(o.Target) != nil && (o.Target == tt.fallback || strings.HasPrefix(o.Target, "fallback"))
				assert.Equal(t, o.ID == "delivery_failed", fell, "outcome %s goes to %s", o.ID, o.Target)
			}
			assert.Contains(t, r.Summary, "can't be delivered, the avatar")
			assert.Contains(t, strings.Join(r.Assumptions, "\n"), "can't be delivered, the user gets")
		})
	}
	// (a comparison that falls back only when its image is missing says so too)
	r, err := Build("Compare their face to the profile photo we pass in. If the photo is missing, scan their passport instead.", Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(r.Assumptions, "\n"), "When the face comparison has no image to read, the user gets")
}

// A failure condition after its instruction ("… if the scan fails") scopes
// that instruction, the words naming the step that failed notwithstanding:
// the line or the step goes on the scan's failure, never on the success path.
func TestBuildTrailingFailCondition(t *testing.T) {
	tests := []struct{ desc, off string }{
		{"Scan their passport; tell them to go to reception if the scan fails.", "reception"},
		{"Scan their passport; send them to reception if the scan fails.", "reception"},
		{"Scan their passport. Send an SMS code if the scan fails.", "sms_code"},
		{"Liveness check, then a passport scan. Tell them to call support if the liveness check fails.", "support"},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			path := successNodes(t, r.Flow)
			require.NotEmpty(t, path)
			for _, n := range path {
				assert.NotContains(t, n.ID+" "+n.Prompt, tt.off, "on the success path")
			}
			assert.Equal(t, "closing", path[len(path)-1].ID)
			assert.Contains(t, strings.Join(r.Assumptions, "\n"), " fails, ")
		})
	}
	// A person sent to, even at a place ("a branch agent"), is a handover,
	// not a line telling them to go somewhere.
	r, err := Build("Passport scan. If the scan fails, send them to a branch agent.", Options{})
	require.NoError(t, err)
	for _, n := range r.Flow {
		assert.NotContains(t, n.Prompt, "go to a branch agent")
	}
	// (the scan's own failure goes to the person, nothing said after it)
	target, _ := r.Flow.Node("document_scan").Outcome("scanTimeout")
	require.NotNil(t, r.Flow.Node(target))
	assert.Contains(t, r.Flow.Node(target).Prompt, "member of our team")
}

// "The last 4 digits of the new account" are a part of another number: no
// code length, and a card's digits asked for are the ones the text names.
func TestBuildDigitsOfAnotherNumber(t *testing.T) {
	r, err := Build("Step-up for changing the payout bank account: liveness + SMS OTP, then read back the last 4 digits of the new account and ask them to confirm.", Options{})
	require.NoError(t, err)
	require.NotNil(t, r.Flow.Node("sms_code"))
	assert.Nil(t, r.Flow.Node("sms_code").OTPLength)

	r, err = Build("Ask them for the first 6 digits of their card, then an 8 digit SMS code.", Options{})
	require.NoError(t, err)
	require.NotNil(t, r.Flow.Node("sms_code"))
	require.NotNil(t, r.Flow.Node("sms_code").OTPLength)
	assert.Equal(t, 8, *r.Flow.Node("sms_code").OTPLength)
	require.NotNil(t, r.Flow.Node("knowledge_check"))
	assert.Equal(t, "Ask the user for the first 6 digits of their card.", r.Flow.Node("knowledge_check").Prompt)
}

// A question's outcome says what a good answer is for that question: the
// details read back confirmed, a security question answered correctly.
func TestBuildQuestionOutcomes(t *testing.T) {
	tests := []struct{ desc, id, prompt, ok string }{
		{"crypto withdrawals. liveness, avatar reads back the destination address and asks them to confirm, SMS OTP", "question",
			"Read the destination address back to the user, and ask them to confirm.", "The user confirmed the destination address"},
		{"Account recovery. Recognize the face, liveness, then ask a security question about their last login location.", "security_question",
			"Ask the user a security question about their last login location.", "The user answered the security question correctly"},
		{"greet, then a consent question about recording the session, then liveness", "consent",
			"Ask the user whether they consent to recording the session.", "The user clearly gave their consent"},
		{"wire transfer: liveness, ask a security question, email code", "security_question",
			"Ask the user a security question about the transfer: who the recipient is, how much is being sent and why.", "The user answered the security question correctly"},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			n := r.Flow.Node(tt.id)
			require.NotNil(t, n)
			assert.Equal(t, tt.prompt, n.Prompt)
			assert.Equal(t, tt.ok, n.Outcomes[0].Condition)
		})
	}
}

// A liveness check the text puts late on the new users' path is the one their
// path opens with; the builder says so rather than drop the words.
func TestBuildNewUsersLateLiveness(t *testing.T) {
	r, err := Build("Recognise them, then liveness. New users: passport scan, compare to face, then a liveness check.", Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Assumptions, "New users' liveness check runs first on their path, straight after the recognition, as FaceSign recommends, not after the face comparison.")
	assert.Equal(t, flow.TypeLiveness, r.Flow.Node("liveness_new_user").Type)
}

// What a text asks the email entry's own prompt to say is added to it,
// addressed to the user, and nothing else is (an explanation after the entry
// would come too late).
func TestBuildEntryPrompt(t *testing.T) {
	for _, tt := range []struct{ desc, want string }{
		{"have them enter their email, with the input prompt telling them to use their corporate address, not a personal gmail one. Then email them a code.", "Please type your email address. Use your corporate address."},
		{"have them type their email; the placeholder should say 'work email only'. Then an email code.", "Please type your email address. Work email only."},
		{"have them type their email; the input prompt should explain we only accept work addresses. Then an email code.", "Please type your email address. We only accept work addresses."},
		{"have them type their email, then an email code.", "Please type your email address."},
		// the prompt quoted in the entry's own clause
		{"first the email input screen with the text 'Where should we send your webinar link?', then the email code.", "Please type your email address. Where should we send your webinar link?"},
		// an example address is no sentence ("You@company.com." was)
		{"have them type their email. its placeholder: \"you@company.com\". then an email code.", "Please type your email address. For example: you@company.com."},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			var prompts []string
			for _, n := range r.Flow {
				switch n.Type {
				case flow.TypeEnterEmail:
					assert.Equal(t, tt.want, n.Prompt)
				case flow.TypeConversation:
					prompts = append(prompts, n.Prompt)
				}
			}
			assert.Len(t, prompts, 3, "greeting, closing and failure only: %q", prompts)
		})
	}
}

// "the avatar shall state the purpose of the recording" gives the reason: a
// statement, not a question about why the user is here.
func TestBuildStatedPurpose(t *testing.T) {
	for _, desc := range []string{
		"1. The session shall first request camera permission.\n2. The avatar shall state the purpose of the recording.\n3. The system shall then perform liveness detection.",
		"Hotel check-in: camera permission, then the avatar states the purpose of the check, then liveness.",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err)
		assert.Nil(t, nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return !n.DoesNotRequireReply }), desc)
		n := nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return strings.Contains(n.Prompt, "purpose") })
		require.NotNil(t, n, desc)
		assert.True(t, strings.HasPrefix(n.Prompt, "Explain to the user the purpose of the "), n.Prompt)
	}
}

// What the avatar "says" is the line itself, what it "reads" is a text read
// out, and what it explains may be a thing rather than a statement: none is a
// goal "Explain to the user that good luck."
func TestBuildSaidAndReadLines(t *testing.T) {
	for _, tc := range []struct{ desc, prompt string }{
		{"exam proctoring: face scan, then liveness check. at the end avatar says good luck!", "Say: Good luck."},
		{"liveness, then the avatar says that we will email them the result", "Say: We will email you the result."},
		{"at start avatar reads the rules: no phones, no notes. then liveness", "Read the rules to the user: no phones, no notes."},
		{"liveness, then the avatar reads out the terms", "Read the terms to the user."},
		{"liveness, then explain that we keep the video for 30 days", "Explain to the user that we keep the video for 30 days."},
		// a thing to explain, not a statement: "Explain to the user that the
		// next steps." was no sentence
		{"enrolment: face scan, liveness, then the avatar explains the next steps", "Explain the next steps to the user."},
		{"liveness, then explain the terms and conditions", "Explain the terms and conditions to the user."},
		{"liveness, then tell them what happens next", "Explain to the user what happens next."},
		{"liveness then tell them their card is on its way", "Explain to the user that their card is on its way."},
		// a verb in -s before a time is a statement: "Explain their card
		// arrives in 5 days to the user." was no sentence
		{"liveness then sms code, at the end thank them and mention their card arrives in 5 days", "Explain to the user that their card arrives in 5 days."},
		{"liveness then tell them the refund takes 3 days", "Explain to the user that the refund takes 3 days."},
		{"liveness, then explain the house rules", "Explain the house rules to the user."},
		// "Explain to the user that not to share the code with anyone." was no sentence
		{"liveness, then warn them not to share the code with anyone, then sms code", "Tell the user not to share the code with anyone."},
		// told to a group ("members that the door is open" was read as the line)
		{"gym entry: recognition against enrolled members, then the avatar tells members that the door is open", "Explain to the user that the door is open."},
		// a statement that names a step ("live") is still a line; it was dropped without a word
		{"rental: liveness, then tell hosts their listing is live", "Explain to the user that their listing is live."},
		// "in detail" is no time: the words stay a thing to explain
		{"liveness then explain the next steps in detail", "Explain the next steps in detail to the user."},
		// a thing told is told ("Explain their room number to the user." was no sense)
		{"hotel check-in: passport scan, then the avatar tells them their room number", "Tell the user their room number."},
		// "let them know" tells; it once gave no line at all
		{"liveness then let them know the card ships tomorrow", "Explain to the user that the card ships tomorrow."},
		{"liveness, then let the user know their card is on its way", "Explain to the user that their card is on its way."},
		// a told sentence that names a step is said beside the step, not dropped for it
		{"explain that we need their ID, then scan the passport", "Explain to the user that we need their ID."},
		{"tell them we need to see their passport, then scan it", "Explain to the user that we need to see their passport."},
	} {
		r, err := Build(tc.desc, Options{})
		require.NoError(t, err, tc.desc)
		n := nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return n.Prompt == tc.prompt })
		assert.NotNil(t, n, "%s: no conversation says %q in %v", tc.desc, tc.prompt, prompts(r.Flow))
	}
}

// A line told after a step comes after it: "opening" in "the opening hours"
// once read as "at the start" and put the line before the liveness check.
func TestBuildToldLineAfterStep(t *testing.T) {
	for _, tc := range []struct{ desc, prompt string }{
		{"liveness, then tell them the opening hours", "Tell the user the opening hours."},
		{"scan their passport, then explain our opening times", "Explain our opening times to the user."},
	} {
		r, err := Build(tc.desc, Options{})
		require.NoError(t, err, tc.desc)
		line := slices.IndexFunc(r.Flow, func(n flow.Node) bool { return n.Prompt == tc.prompt })
		step := slices.IndexFunc(r.Flow, func(n flow.Node) bool {
			return n.Type == flow.TypeLiveness || n.Type == flow.TypeDocumentScan
		})
		require.GreaterOrEqual(t, line, 0, "%s: no line %q in %v", tc.desc, tc.prompt, prompts(r.Flow))
		assert.Greater(t, line, step, "%s: the line comes before the step", tc.desc)
	}
}

func prompts(f flow.Flow) []string {
	var out []string
	for _, n := range f {
		if n.Type == flow.TypeConversation {
			out = append(out, n.Prompt)
		}
	}
	return out
}

// A share written as "90%" or "ninety percent" is the compare's threshold and
// never an age ("similarity must be at least 90%" once gave an age check of 90).
func TestBuildPercentThreshold(t *testing.T) {
	for _, tc := range []struct {
		desc string
		want float64
	}{
		{"scan passport, face scan, then compare the face scan with doc photo - similarity must be at least 90% or we reject", 0.9},
		{"scan passport, face scan, then compare the face scan with doc photo - similarity must be at least ninety percent", 0.9},
		{"selfie vs passport photo, 85 percent match minimum", 0.85},
		{"compare their face to the id at a 92% threshold", 0.92},
	} {
		r, err := Build(tc.desc, Options{})
		require.NoError(t, err, tc.desc)
		n := nodeOfType(r.Flow, flow.TypeFaceCompare)
		require.NotNil(t, n, tc.desc)
		require.NotNil(t, n.SimilarityThreshold, tc.desc)
		assert.InDelta(t, tc.want, *n.SimilarityThreshold, 1e-9, tc.desc)
		assert.Nil(t, nodeOfType(r.Flow, flow.TypeDataValidation), "%s: no age check", tc.desc)
	}
}

// A condition that ends its text ("… if they refuse") once sliced past the end
// of its clause while looking for the camera it refused (found by the held-out
// corpus, before any fuzz run had reached it).
func TestBuildConditionEndsTheText(t *testing.T) {
	for _, desc := range []string{
		"ask for camera access, then liveness. if they refuse",
		"camera permission then liveness; if they decline",
		"sms code. if it fails",
	} {
		assert.NotPanics(t, func() { _, _ = Build(desc, Options{}) }, desc)
	}
}

// A text that asks the avatar to say nothing gets a flow with no line at all,
// whatever its branches: failures, new users and fallbacks end or go on without
// a word, and the flow stays valid. Edits keep it so, and a greeting removed
// is not put back by the next change.
func TestQuietFlows(t *testing.T) {
	for _, desc := range []string{
		"recognise them then liveness; new users scan a passport and do an email code. the avatar should stay silent",
		"passport scan, if it fails fall back to an SMS code. then liveness. please don't have the avatar say anything at all",
		"face scan then liveness, let them retry the face scan. no talking from the avatar",
	} {
		t.Run(desc, func(t *testing.T) {
			f := built(t, desc, Options{})
			require.False(t, flow.HasErrors(flow.Validate(f)), "%v", flow.Validate(f))
			for _, n := range f {
				if n.Type == flow.TypeConversation {
					_, retry := n.Outcome("retry")
					assert.True(t, retry, "only the retry the text asked for speaks: %s %q", n.ID, n.Prompt)
				}
			}
			res, err := Edit(f.Clone(), "add a liveness check at the end", Options{})
			require.NoError(t, err)
			assert.Equal(t, countType(f, flow.TypeConversation), countType(res.Flow, flow.TypeConversation), "the edit adds no line")
		})
	}
	base := built(t, "greet them, scan their passport, liveness, then say thanks", Options{})
	res, err := Edit(base.Clone(), "remove the greeting", Options{})
	require.NoError(t, err)
	require.NotEqual(t, flow.TypeConversation, res.Flow.Node(res.Flow[0].Next).Type, "the greeting is gone")
	again, err := Edit(res.Flow.Clone(), "add an email code at the end", Options{})
	require.NoError(t, err)
	assert.NotEqual(t, flow.TypeConversation, again.Flow.Node(again.Flow[0].Next).Type, "the next change does not put it back")
}

func countType(f flow.Flow, t flow.NodeType) int {
	n := 0
	for _, x := range f {
		if x.Type == t {
			n++
		}
	}
	return n
}

// "push notification" names one thing FaceSign cannot do: one note, and what
// the notification says is no line of the avatar.
func TestBuildPushNotificationOnce(t *testing.T) {
	r, err := Build("liveness, then an email code. send a push notification to their phone saying they're verified", Options{})
	require.NoError(t, err)
	n := 0
	for _, a := range r.Assumptions {
		if strings.HasPrefix(a, "FaceSign flows cannot send") {
			n++
		}
	}
	assert.Equal(t, 1, n, "%v", r.Assumptions)
	for _, node := range r.Flow {
		assert.NotContains(t, node.Prompt, "they're verified")
	}
}

// A code by a messaging app is said to be one FaceSign cannot send, built or
// changed; it was swapped for the SMS code without a word, and "swap sms for
// whatsapp" was refused as a wording problem.
func TestMessagingAppCode(t *testing.T) {
	r, err := Build("liveness then a whatsapp code", Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Assumptions, messengerNote)
	base, err := Build("login: recognition, then liveness, then sms code", Options{})
	require.NoError(t, err)
	e, err := Edit(base.Flow.Clone(), "send the code via whatsapp instead", Options{})
	require.NoError(t, err)
	assert.Contains(t, e.Assumptions, messengerNote)
	_, err = Edit(base.Flow.Clone(), "swap sms for whatsapp", Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WhatsApp")
}

// A permission with the microphone off is summarised as camera access only,
// built so ("camera permission only") or edited so ("turn the mic off").
func TestSummaryCameraOnly(t *testing.T) {
	r, err := Build("camera permission only, then liveness", Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Summary, "asks for camera access,")
	base, err := Build("Camera and mic permissions, then liveness.", Options{})
	require.NoError(t, err)
	e, err := Edit(base.Flow, "turn the mic off", Options{})
	require.NoError(t, err)
	assert.Contains(t, e.Summary, "asks for camera access,")
}

// A welcome to a step is no name ("Welcome to ID." was said for "welcome the
// user to ID verification").
func TestBuildWelcomeToNamesNoStep(t *testing.T) {
	r, err := Build("welcome the user to ID verification, then liveness", Options{})
	require.NoError(t, err)
	assert.NotContains(t, r.Flow.Node("greeting").Prompt, "Welcome to ID")
}

// A user told to contact support is told so; the session is not handed to a
// member of the team ("tell them to call support" set every failure to a
// handover, built or changed).
func TestToldSupportIsNoHandover(t *testing.T) {
	r, err := Build("login: sms code. if the sms fails, tell them to call support", Options{})
	require.NoError(t, err)
	for _, n := range r.Flow {
		assert.NotContains(t, n.Prompt, "member of our team", n.ID)
	}
	base, err := Build("recovery: selfie, then sms code; if the sms fails send an email code", Options{})
	require.NoError(t, err)
	e, err := Edit(base.Flow, "if the email fallback also fails, tell them to call support", Options{})
	require.NoError(t, err)
	for _, n := range e.Flow {
		assert.NotContains(t, n.Prompt, "member of our team", n.ID)
	}
	assert.Contains(t, e.Summary, "When the email one-time code fails")
}

// A question for a name asks for the part the text names, and for the full
// name when it names several or the whole name beside a part.
func TestNameAsked(t *testing.T) {
	for _, tt := range []struct{ phrase, want string }{
		{"their first name", "their first name"},
		{"their legal name", "their legal name"},
		{"their surname", "their surname"},
		{"their first and last name", "their full name"},
		{"their first name and surname", "their full name"},
		{"their name and surname", "their full name"},
		{"their full name", "their full name"},
		{"their name", "their full name"},
	} {
		assert.Equal(t, tt.want, nameAsked(tt.phrase), tt.phrase)
	}
}

// A line said "when all of that works", after a step placed last ("the last bit
// is the SMS code"), is said after that step: it once came before it, between
// the comparison and the code.
func TestBuildLineAfterLastStep(t *testing.T) {
	for _, tc := range []struct{ desc, line string }{
		{`Scan their ID and take a selfie to compare with it. The last bit is the SMS code. When all of that works the avatar says "You're in, welcome to Parkly!"`, "You're in, welcome to Parkly!"},
		{`Liveness first, and finally the email: they type it in and we send a code. Then the avatar says "Thanks, see you at the desk."`, "Thanks, see you at the desk."},
	} {
		r, err := Build(tc.desc, Options{})
		require.NoError(t, err, tc.desc)
		var trail []string
		for _, n := range successNodes(t, r.Flow) {
			trail = append(trail, string(n.Type)+": "+strings.TrimPrefix(n.Prompt, "Say: "))
		}
		require.NotEmpty(t, trail)
		assert.Equal(t, "conversation: "+tc.line, trail[len(trail)-1], "%s: the success path %q", tc.desc, trail)
	}
}

// "we send them a code to confirm it" says what the code is for: no question
// asks the user "to confirm it".
func TestBuildCodePurposeIsNoQuestion(t *testing.T) {
	for _, desc := range []string{
		"Start with a liveness check. After that they type their email and we send them a code to confirm it.",
		"liveness, then text them a code to confirm their number",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		for _, p := range prompts(r.Flow) {
			assert.NotContains(t, strings.ToLower(p), "confirm", "%s: a question about the code's purpose", desc)
		}
	}
}

// Advice and told lines are lines: "suggest they ask a parent" and "tell them
// to ask at reception" once also became questions "Ask the user a parent …".
func TestBuildAdviceIsALine(t *testing.T) {
	for _, tc := range []struct{ desc, prompt string }{
		{"scan their passport; if they're under 18 the avatar suggests they ask a parent or guardian to call us", "Suggest to the user that they ask a parent or guardian to call us."},
		{"liveness, then the avatar advises them to keep their password safe", "Advise the user to keep their password safe."},
		{"liveness, then tell them to ask at reception for a visitor badge", "Tell the user to ask at reception for a visitor badge."},
	} {
		r, err := Build(tc.desc, Options{})
		require.NoError(t, err, tc.desc)
		ps := prompts(r.Flow)
		assert.Contains(t, ps, tc.prompt, tc.desc)
		for _, p := range ps {
			assert.False(t, strings.HasPrefix(p, "Ask the user"), "%s: a question %q", tc.desc, p)
		}
	}
}

// Two channels listed bare are two codes in either order; an email address
// named as one is collected.
func TestBuildBareChannels(t *testing.T) {
	for desc, want := range map[string][]string{
		"liveness, email, sms":         {"liveness_detection", "two_factor_email", "two_factor_sms"},
		"liveness, sms, email":         {"liveness_detection", "two_factor_sms", "two_factor_email"},
		"liveness, email address, sms": {"liveness_detection", "enter_email", "two_factor_sms"},
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		got, _ := successSteps(t, r.Flow)
		assert.Equal(t, want, got, desc)
	}
}

// A line said between two steps stays there when another step is placed last
// ("At the end do an email code. … then explain the process, then scan the
// passport"), and a team's advice is no line of the avatar's.
func TestBuildLinesKeepTheirPlace(t *testing.T) {
	r, err := Build("At the end do an email code. Start with a liveness check, then explain the process, then scan the passport.", Options{})
	require.NoError(t, err)
	line := slices.IndexFunc(r.Flow, func(n flow.Node) bool { return n.Prompt == "Explain the process to the user." })
	require.GreaterOrEqual(t, line, 0, "%v", prompts(r.Flow))
	scan := nodeOfType(r.Flow, flow.TypeDocumentScan)
	require.NotNil(t, scan)
	assert.Equal(t, scan.ID, r.Flow[line].Outcomes[0].Target, "the line leads to the scan")

	for _, desc := range []string{
		"Support suggests they do a liveness check, then an SMS code.",
		"Security recommends they use an SMS code after liveness",
		"We'd suggest they do a liveness check, then an SMS code.",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		for _, p := range prompts(r.Flow) {
			assert.False(t, strings.HasPrefix(p, "Suggest") || strings.HasPrefix(p, "Advise"), "%s: %q", desc, p)
		}
	}
}

// Face login is what an enrolment is for only when everyone enrols; a text
// that splits new users from returning ones recognises the returning ones, and
// says nothing that contradicts the recognition it builds.
func TestFaceLoginWithNewUserEnrolment(t *testing.T) {
	for _, desc := range []string{
		"We use face login, and new users enroll with a passport scan.",
		"Face login for returning users, and new users go through enrollment with a passport.",
	} {
		r, err := Build(desc, Options{})
		if !assert.NoError(t, err, desc) {
			continue
		}
		assert.NotNil(t, r.Flow.Node("recognition"), desc)
		for _, a := range r.Assumptions {
			assert.NotContains(t, a, "what the enrolment is for", desc)
			assert.NotContains(t, a, "No step matches", desc)
		}
	}
}

// "Email is the …" names the email code only when it speaks of email as a
// factor, a channel or a weakness; as the user's identifier it is the address.
func TestEmailAsIdentifierIsNoCode(t *testing.T) {
	r, err := Build("Email is the username. Do a liveness check, then have them enter their email.", Options{})
	if assert.NoError(t, err) {
		assert.Zero(t, countType(r.Flow, flow.TypeTwoFactorEmail), "no code was asked for")
	}
}

// A label read as the flow's purpose says "beside the login" only where the
// text names a login.
func TestPurposeNoteNamesNoUnnamedLogin(t *testing.T) {
	r, err := Build("MFA for the payroll portal. Face recognition, then liveness.", Options{})
	if assert.NoError(t, err) {
		assert.Nil(t, r.Flow.Node("two_factor_sms"))
		for _, a := range r.Assumptions {
			assert.NotContains(t, a, "beside the login")
		}
	}
}

// An age the user must be under (a youth pass) is an upper limit, youngerThan,
// not the minimum every other age check sets: the reverse would turn away the
// very users the product is for. Its outcomes keep their targets when an edit
// changes the age.
func TestBuildAgeUpperLimit(t *testing.T) {
	r, err := Build("Youth pass: scan their ID and check the holder is actually under 18.", Options{})
	require.NoError(t, err)
	check := nodeOfType(r.Flow, flow.TypeDataValidation)
	require.NotNil(t, check)
	assert.Equal(t, flow.Validation{Field: "dateOfBirth", Action: "youngerThan", Value: "18"}, *check.Validation)
	require.Len(t, check.Outcomes, 2)
	assert.Equal(t, "young_enough", check.Outcomes[0].ID)
	assert.Equal(t, "too_old", check.Outcomes[1].ID)
	assert.Contains(t, r.Summary, "checks the user is younger than 18")
	for _, n := range r.Flow {
		assert.NotEqual(t, flow.TypeLiveness, n.Type, "\"actually under 18\" says how old, not whether live")
	}

	e, err := Edit(r.Flow, "make it 16", Options{})
	require.NoError(t, err)
	edited := nodeOfType(e.Flow, flow.TypeDataValidation)
	require.NotNil(t, edited)
	assert.Equal(t, "youngerThan", edited.Validation.Action)
	assert.Equal(t, "16", edited.Validation.Value)
	assert.Equal(t, check.Outcomes[0].Target, edited.Outcomes[0].Target)
	assert.Equal(t, check.Outcomes[1].Target, edited.Outcomes[1].Target)
	assert.Contains(t, strings.Join(e.Assumptions, "\n")+e.Summary, "under 16")

	for _, desc := range []string{"Scan their ID, reject anyone under 18.", "Scan their ID and make sure they're not under 18.", "Scan ID. Block users who are under 18."} {
		r, err := Build(desc, Options{})
		require.NoError(t, err)
		assert.Equal(t, "olderThan", nodeOfType(r.Flow, flow.TypeDataValidation).Validation.Action, desc)
	}
}

// "(key: vendor_photo)" names the providedData key of a photo the comparison
// reads: the colon cuts it into clauses that are no steps, but no note calls
// them unplaced while a step reads the photo; when none does, the note stays.
func TestProvidedKeyClauseIsNoUnplacedWords(t *testing.T) {
	for _, desc := range []string{
		"We already hold the customer's ID photo from our KYC vendor and will pass it in as provided data (key: vendor_photo). Don't scan any document. Just take a selfie and compare it with that photo.",
		"Our backend passes the account photo in providedData (key: profilePhoto). Take a selfie and compare it with that photo.",
	} {
		r, err := Build(desc, Options{})
		if !assert.NoError(t, err, desc) {
			continue
		}
		for _, a := range r.Assumptions {
			assert.NotContains(t, a, "No step matches", desc)
		}
	}
	// (the photo passed in, read before the colon as it is without the key,
	// gets the comparison added for it, which reads the key)
	r, err := Build("Our backend passes the account photo in providedData (key: profilePhoto). Then an SMS code.", Options{})
	if assert.NoError(t, err) {
		read := slices.ContainsFunc(r.Flow, func(n flow.Node) bool {
			return n.Type == flow.TypeFaceCompare && n.SourceA != nil && n.SourceA.ProvidedDataKey == "profilePhoto"
		})
		assert.True(t, read || slices.ContainsFunc(r.Assumptions, func(a string) bool { return strings.Contains(a, "\"key\"") }), "a key no step reads is noted: %q", r.Assumptions)
	}
}

// Words that name nothing the flow acts on get no false note: a question
// about the flow answered "no" is no suggestion the thread turned down (what it
// names stays: "No, add an SMS code as well" asks for more), and a bare share
// after a step that takes no threshold ("Liveness and an email code. (0.9)")
// sets nothing and is no unplaced setting either.
func TestNoFalseNote(t *testing.T) {
	for _, tt := range []struct{ desc, not string }{
		{"Liveness then ID scan. Do users need to hold the ID still? No, scanning is automatic.", "turned down"},
		{"Liveness then an email code. Is the email code optional? No.", "turned down"},
		{"Is an email code enough? No, add an SMS code as well.", "turned down"},
		{"Liveness and an email code. (0.9)", "0.9"},
		{"Liveness check, then an SMS code (6 digits). Expected pass rate (0.9).", "0.9"},
		// a status people are on (onStatusDoc) is said, not left unplaced
		{"Our drivers are on work permits; scan their residence permit, then selfie", unplacedPrefix},
		{"Couriers are on visas, so the document scan must accept passports and visas, then a selfie", unplacedPrefix},
		// the users a recognition finds, said of its main path
		{"Recognise the user; recognised users go straight through, unrecognised users do a passport scan and selfie", unplacedPrefix},
		// the users' mailboxes, not mail the integrator sends (rvC10 R10)
		{"Emails get phished a lot, so send an SMS code and do a liveness check.", "email your system sends"},
		{"Their emails are often shared with family, so also add a liveness check.", "email your system sends"},
	} {
		r, err := Build(tt.desc, Options{})
		if !assert.NoError(t, err, tt.desc) {
			continue
		}
		assert.NotContains(t, strings.Join(r.Assumptions, "\n"), tt.not, tt.desc)
	}
}

// Spam, fake addresses and a spam folder are emails the text does not want,
// not fraud by email: the clause is background (or, inside a line the avatar
// tells, the line's words), and no note calls it a fraud; the fraud words
// after "email" still do.
func TestNoFalseFraudNote(t *testing.T) {
	for _, desc := range []string{
		"Liveness, then an email code. Tell them to check their spam email folder for it.",
		"Ask for their email address, we won't send spam emails. Then liveness.",
		"Liveness check. Ask for their email; we block disposable and fake emails.",
		"Lots of fake email signups, so collect their email and verify it with a code, then liveness.",
		"We get spam email registrations. Collect the email, send an email code, then liveness.",
	} {
		r, err := Build(desc, Options{})
		if !assert.NoError(t, err, desc) {
			continue
		}
		assert.NotContains(t, strings.Join(r.Assumptions, "\n"), "fraud", desc)
	}
	// the line the avatar tells keeps its words, with no note that puts them
	// outside the flow, and no email code is made of them
	desc := "Liveness, then an SMS code. Tell them to check their spam email folder."
	r, err := Build(desc, Options{})
	require.NoError(t, err)
	assert.NotContains(t, strings.Join(r.Assumptions, "\n"), "background", desc)
	assert.Nil(t, nodeOfType(r.Flow, flow.TypeTwoFactorEmail), desc)
	assert.True(t, slices.ContainsFunc(r.Flow, func(n flow.Node) bool { return strings.Contains(n.Prompt, "spam email folder") }), desc)
	r, err = Build("Liveness, then an SMS code. We were hit by email fraud twice this year.", Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(r.Assumptions, "\n"), "fraud by email")
}

// An age changed on a flow the integrator wrote keeps its outcome ids, and a
// node with other outcomes than two still gets the new age.
func TestEditAgeKeepsOwnOutcomes(t *testing.T) {
	base, err := Build("Scan their ID and check they're over 18.", Options{})
	require.NoError(t, err)
	check := nodeOfType(base.Flow, flow.TypeDataValidation)
	require.NotNil(t, check)
	check.Outcomes[0].ID, check.Outcomes[1].ID = "adult", "minor"
	r, err := Edit(base.Flow, "make it 21", Options{})
	require.NoError(t, err)
	edited := nodeOfType(r.Flow, flow.TypeDataValidation)
	require.NotNil(t, edited)
	assert.Equal(t, "21", edited.Validation.Value)
	assert.Equal(t, []string{"adult", "minor"}, []string{edited.Outcomes[0].ID, edited.Outcomes[1].ID})

	check.Outcomes = append(check.Outcomes, flow.Outcome{ID: "unreadable", Target: check.Outcomes[1].Target, Condition: "The date of birth cannot be read"})
	r, err = Edit(base.Flow, "make it 21", Options{})
	require.NoError(t, err)
	edited = nodeOfType(r.Flow, flow.TypeDataValidation)
	require.NotNil(t, edited)
	assert.Equal(t, "21", edited.Validation.Value)
	assert.Len(t, edited.Outcomes, 3)
}

// A replacement said of a possibility, a plan or one group ("later we may
// replace the text with an email code", "… for EU users") is no instruction
// for this flow: the step it would replace stays.
func TestBuildHedgedReplaceKeepsStep(t *testing.T) {
	for _, text := range []string{
		"Liveness check, then send a text with a code. Later we may replace the text with an email code, but for now SMS.",
		"Liveness then SMS code, and replace the SMS code with an email code for EU users.",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err)
		assert.True(t, slices.ContainsFunc(res.Flow, func(n flow.Node) bool { return n.Type == flow.TypeTwoFactorSMS }), text)
	}
}

// A code sent "to it" goes to the one contact the text names; "their account
// number" is no phone, so the channel stays a question.
func TestBuildCodeToIt(t *testing.T) {
	tests := []struct {
		text     string
		want     flow.NodeType // the code's node type
		question bool          // otp_channel asked
	}{
		{"Recognise them by face. They just changed their email address. Send a code to it.", flow.TypeTwoFactorEmail, false},
		{"Liveness check. They just got a new mobile number, send a code to it.", flow.TypeTwoFactorSMS, false},
		{"Liveness check. They just changed their account number. Send a code to it.", flow.TypeTwoFactorSMS, true},
	}
	for _, tt := range tests {
		res, err := Build(tt.text, Options{})
		require.NoError(t, err, tt.text)
		assert.NotNil(t, nodeOfType(res.Flow, tt.want), tt.text)
		asked := slices.ContainsFunc(res.Questions, func(q Question) bool { return q.ID == "otp_channel" })
		assert.Equal(t, tt.question, asked, tt.text)
	}
}

// A fallback named as a handover ("with a fallback to a human agent if it
// fails") sends failed checks to the team; no note claims it is kept as a
// step, and the step after it stays on the main path.
func TestBuildFallbackToHumanAgent(t *testing.T) {
	for _, text := range []string{
		"Liveness, with a fallback to a human agent if it fails, then an SMS code.",
		"Liveness with a fallback to a human agent if it fails.",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err)
		assert.NotContains(t, strings.Join(res.Assumptions, "\n"), "which the flow keeps", text)
		i := slices.IndexFunc(res.Flow, func(n flow.Node) bool { return n.ID == "failure" })
		require.GreaterOrEqual(t, i, 0, text)
		assert.Contains(t, res.Flow[i].Prompt, "member of our team", text)
	}
}

// A line the avatar is told to say about a child ("tell the parent that the
// child must be present") is said, not read as an age check that replaces it.
func TestBuildToldLineAboutChildIsSaid(t *testing.T) {
	text := "Tell the parent that the child must be present, then ask the child to look at the camera for liveness."
	res, err := Build(text, Options{})
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(res.Flow, func(n flow.Node) bool {
		return n.Type == flow.TypeConversation && strings.Contains(n.Prompt, "the child must be present")
	}), text)
}

// The role one line is given ("tell the parent …") names the user in every
// line only when the text speaks to no one else: a line given to "the user" or
// to the child keeps its own addressee.
func TestBuildRoleOnlyWhenNoOtherAddressee(t *testing.T) {
	for _, tt := range []struct{ text, not string }{
		{"Ask the user to confirm their name, then liveness. Tell the parent we will email them.", "Ask the parent to state their full name"},
		{"Greet the user, ask the parent to confirm consent, then face recognition. If recognition fails, tell the user to contact support.", "Tell the parent to contact support"},
		{"Ask the guardian to confirm consent, then ask the child their name, then liveness.", "Ask the guardian to state their full name"},
		{"Liveness, then an SMS code. Tell the user they can ask the parent for help.", "Ask the parent they can"},
		{"Explain to the parent that we need a quick check, then liveness. If it fails, tell the child to try again.", "Tell the parent the child"},
	} {
		res, err := Build(tt.text, Options{})
		require.NoError(t, err)
		for _, n := range res.Flow {
			assert.NotContains(t, n.Prompt, tt.not, tt.text)
		}
	}
	res, err := Build("The avatar asks the parent to confirm they consent, then liveness.", Options{})
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(res.Flow, func(n flow.Node) bool { return strings.Contains(n.Prompt, "Ask the parent whether they consent") }))
}

// A story actor ("we had fraudsters use stolen phones") starts no story when
// the clause goes on to what it leads to ("so skip the SMS code"): that is the
// instruction, and no note calls it background.
func TestBuildStoryActorWithResultIsNoBackground(t *testing.T) {
	text := "We had fraudsters use stolen phones so skip the SMS code, use email code then liveness."
	res, err := Build(text, Options{})
	require.NoError(t, err)
	assert.NotContains(t, strings.Join(res.Assumptions, "\n"), "as background", text)
	assert.False(t, slices.ContainsFunc(res.Flow, func(n flow.Node) bool { return n.Type == flow.TypeTwoFactorSMS }), text)
	res, err = Build("Liveness then SMS code (we had scammers coaching kids into cashing out skins).", Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(res.Assumptions, "\n"), "as background")
}

// A face compare with no second image in the flow (no ID scan, no selfie, no
// photo passed in) is read as recognition among the enrolled faces; that is
// a judgement call and says so, unless a later step gives the compare its
// image.
func TestBuildCompareWithNothingSaysRecognition(t *testing.T) {
	for _, tt := range []struct {
		text string
		note bool
	}{
		{"Liveness then an SMS code. Do not skip the face compare.", true},
		{"Liveness, then a face match.", true},
		{"Face match for payout changes - compare the live face to the profile photo we pass in.", false},
		{"Scan their passport, then compare their face.", false},
		{"Liveness, then a face match. Then scan their ID.", false},
	} {
		res, err := Build(tt.text, Options{})
		require.NoError(t, err)
		notes := strings.Join(res.Assumptions, "\n")
		assert.Equal(t, tt.note, strings.Contains(notes, "no second image to compare"), tt.text+"\n"+notes)
	}
}

// A channel the user is said to lack ("if they don't have their phone") is a
// condition on that channel's code; with no such code in the flow, the step
// after it is no fallback of another check: a liveness check that finds a
// deepfake or a scan the user cancels must not lead to an email code.
func TestLackedChannelFallsBackOnlyFromItsCode(t *testing.T) {
	for _, text := range []string{
		"Liveness check. If they don't have their phone with them, send an email code.",
		"Do a liveness check. If they can't get the text, use an email code.",
		"Liveness check and an ID scan. If they don't have their phone, send an email code.",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err)
		byID := map[string]flow.Node{}
		for _, n := range res.Flow {
			byID[n.ID] = n
		}
		for _, n := range res.Flow {
			if n.Type != flow.TypeLiveness && n.Type != flow.TypeDocumentScan {
				continue
			}
			for _, o := range n.Outcomes {
				if o.ID == "livenessDetected" || o.ID == "scanSuccess" {
					continue
				}
				assert.NotEqual(t, flow.TypeTwoFactorEmail, byID[o.Target].Type, "%s: %s.%s", text, n.ID, o.ID)
			}
		}
	}
	// with the SMS code in the flow, the email code is its fallback when it
	// cannot be delivered
	text := "Liveness check, then an SMS code. If they don't have their phone, send an email code."
	res, err := Build(text, Options{})
	require.NoError(t, err)
	byID := map[string]flow.Node{}
	for _, n := range res.Flow {
		byID[n.ID] = n
	}
	i := slices.IndexFunc(res.Flow, func(n flow.Node) bool { return n.Type == flow.TypeTwoFactorSMS })
	require.GreaterOrEqual(t, i, 0, text)
	o := slices.IndexFunc(res.Flow[i].Outcomes, func(o flow.Outcome) bool { return o.ID == "delivery_failed" })
	require.GreaterOrEqual(t, o, 0, text)
	next := byID[res.Flow[i].Outcomes[o].Target]
	for n := 0; n < 3 && next.Type == flow.TypeConversation && len(next.Outcomes) > 0; n++ {
		next = byID[next.Outcomes[0].Target] // the line that says what comes next
	}
	assert.Equal(t, flow.TypeTwoFactorEmail, next.Type, text)
}

// A question answered "yes" leads to the step the text names for it; its "no"
// answer's step goes on past that step, never into it: a user without their
// passport is not asked to scan it.
func TestBuildQuestionNoSkipsYesStep(t *testing.T) {
	res, err := Build("Liveness. Ask them if they have their passport with them. If yes, scan it; if not, send an email code. Then an SMS code.", Options{})
	require.NoError(t, err)
	code := nodeOfType(res.Flow, flow.TypeTwoFactorEmail)
	require.NotNil(t, code, "the email code of the no answer")
	verified, ok := code.Outcome("verified")
	require.True(t, ok)
	next := res.Flow.Node(verified)
	require.NotNil(t, next)
	assert.Equal(t, flow.TypeTwoFactorSMS, next.Type, "after the no answer's code the flow goes on to the SMS code, past the passport scan")
	assert.Contains(t, strings.Join(res.Assumptions, "\n"), "the question is answered no")
	// the question's outcomes say yes and no: a clear "no" is no
	// "answered clearly" that leads to the scan; and nothing failed, so no
	// "that didn't work" line comes before the no answer's code
	q := nodeOfType(res.Flow, flow.TypeConversation)
	for _, n := range res.Flow {
		if n.Type == flow.TypeConversation && strings.HasPrefix(n.Prompt, "Ask the user if they have their passport") {
			q = &n
		}
	}
	require.Len(t, q.Outcomes, 2, q.Prompt)
	assert.Equal(t, "The user answers yes", q.Outcomes[0].Condition)
	assert.Contains(t, q.Outcomes[1].Condition, "The user answers no")
	assert.Equal(t, code.ID, q.Outcomes[1].Target, "the no answer goes straight to its step")
}

// A liveness check that catches a deepfake ends the session even when the check
// has a fallback that goes on: the fallback (an SMS code, a document scan) is
// for a user the camera could not see, and would let a caught attack through on
// a weaker factor (attackCaught). A user with no face found still gets it, and
// the assumptions say why the deepfake does not.
func TestBuildDeepfakeNeverFallsBack(t *testing.T) {
	tests := []string{
		"liveness, then if they fail liveness send them to a document scan",
		"liveness then face scan; if liveness fails, fall back to an SMS code",
		"Recognise returning users. New users do a liveness check and a passport scan; if their liveness check fails, send them an email code.",
		"Liveness first, then an SMS code. Switch users who fail liveness to a document scan.",
	}
	for _, desc := range tests {
		t.Run(desc, func(t *testing.T) {
			r, err := Build(desc, Options{})
			require.NoError(t, err)
			assertDeepfakeEnds(t, r.Flow)
			assert.Contains(t, r.Assumptions, deepfakeNote)
			// an edit reads the flow back and lays it out the same way
			e, err := Edit(r.Flow.Clone(), "add an email code at the end", Options{})
			require.NoError(t, err)
			assertDeepfakeEnds(t, e.Flow)
		})
	}
	// a fallback that only says something and ends may take the deepfake too
	r, err := Build("liveness check; if liveness fails tell them to call support", Options{})
	require.NoError(t, err)
	assertDeepfakeEnds(t, r.Flow)
	assert.NotContains(t, r.Assumptions, deepfakeNote)
}

// assertDeepfakeEnds: from every liveness check's deepfakeDetected outcome, no
// node of the success path past that check is reachable, so a caught deepfake
// never hears "you're verified" (a retry back to the same check is allowed:
// it must pass there). At least one liveness check falls back when no face is
// found.
func assertDeepfakeEnds(t *testing.T, f flow.Flow) {
	t.Helper()
	success := map[string]bool{}
	for id := f[0].ID; id != "" && !success[id]; {
		success[id] = true
		n := f.Node(id)
		if n == nil || len(n.Outcomes) == 0 {
			break
		}
		id = n.Outcomes[0].Target
	}
	fallbacks := 0
	for _, n := range f {
		if n.Type != flow.TypeLiveness {
			continue
		}
		for _, o := range n.Outcomes {
			if o.ID == "noFace" && strings.HasPrefix(o.Target, "fallback") {
				fallbacks++
			}
			if o.ID != "deepfakeDetected" {
				continue
			}
			seen := map[string]bool{n.ID: true}
			queue := []string{o.Target}
			for len(queue) > 0 {
				id := queue[0]
				queue = queue[1:]
				m := f.Node(id)
				if seen[id] || m == nil {
					continue
				}
				seen[id] = true
				require.False(t, success[id] && m.Type != flow.TypeEnd, "a deepfake caught by %s reaches %s on the success path", n.ID, id)
				for _, u := range m.Outcomes {
					queue = append(queue, u.Target)
				}
			}
		}
	}
	require.Positive(t, fallbacks, "no liveness check falls back when no face is found")
}

// A fallback the text gives the deepfake alone ("if a deepfake is detected,
// scan their passport for review") takes the caught attack, and ends there
// unverified; a face not found fails as any failure does.
func TestBuildDeepfakeFallbackEndsUnverified(t *testing.T) {
	tests := []struct{ desc, fallback string }{
		{"Liveness check then an email code. If a deepfake is detected, send an SMS code instead.", "fallback_sms_code"},
		{"Recognise them against enrolled faces, liveness, then an SMS code. If the liveness check flags a deepfake, send them to a passport scan so our fraud team has something to review.", "fallback_document_scan"},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			lv := r.Flow.Node("liveness")
			require.NotNil(t, lv)
			for _, o := range lv.Outcomes {
				assert.Equal(t, o.ID == "deepfakeDetected", strings.HasPrefix(o.Target, "fallback"), "%s goes to %s", o.ID, o.Target)
			}
			fb := r.Flow.Node(tt.fallback)
			require.NotNil(t, fb, "no %s", tt.fallback)
			assert.Equal(t, "failure", fb.Outcomes[0].Target, "the fallback's success ends unverified")
			assert.Contains(t, r.Summary, "ends unverified")
			// an edit reads the flow back the same way
			e, err := Edit(r.Flow.Clone(), "make the SMS code 8 digits", Options{})
			require.NoError(t, err)
			assert.Equal(t, "failure", e.Flow.Node(tt.fallback).Outcomes[0].Target)
			assert.Equal(t, lv.Outcomes, e.Flow.Node("liveness").Outcomes)
		})
	}
}

// Words that look like a question the avatar asks but are the speaker's own
// ("X is why we …", "here's why") or the user's request that starts the flow
// ("when a customer asks for a SIM swap") add no question.
func TestBuildNoQuestionFromExplanationOrOccasion(t *testing.T) {
	for _, desc := range []string{
		"liveness + email code; sim-swap attacks are why we avoid sms",
		"Liveness then an SMS code. Fraud went up last year, that's why we want this.",
		"Protect against SIM swap attacks: when a customer asks for a SIM swap, liveness then passport",
		"Whenever a member asks for a payout, do liveness and an email code.",
	} {
		t.Run(desc, func(t *testing.T) {
			r, err := Build(desc, Options{})
			require.NoError(t, err)
			for _, n := range r.Flow {
				if n.Type == flow.TypeConversation {
					assert.True(t, n.DoesNotRequireReply, "%s waits for a reply: %q", n.ID, n.Prompt)
				}
			}
		})
	}
	// a question the text does ask stays
	r, err := Build("liveness, then ask why they want the transfer, then SMS code", Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Summary, "asks the user why they want the transfer")
}

// "Authorised push payment fraud" is a kind of payment fraud, the reason for
// the flow: no push notification is asked for, so none is said to be missing;
// a push notification asked for still is.
func TestBuildPushPaymentIsNoNotification(t *testing.T) {
	for _, desc := range []string{
		"Wire transfers: liveness, then an SMS code. Authorised push payment scams are rising, so the avatar asks if anyone is pressuring them.",
		"APP fraud (push payments to mule accounts) is our top loss: recognition, liveness, then an email code.",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		assert.False(t, slices.ContainsFunc(r.Assumptions, func(a string) bool { return strings.Contains(a, "push notification") }), "%s: %v", desc, r.Assumptions)
	}
	r, err := Build("Liveness, then SMS code, then send a push notification to their app.", Options{})
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(r.Assumptions, func(a string) bool { return strings.Contains(a, "push notification") }), "%v", r.Assumptions)
}

// rvD12 minor 2: an acronym naming the business's own text ("follow our TOS
// script") is no standard the whole flow must meet; a real one still is.
func TestCitedStandardSkipsOwnScripts(t *testing.T) {
	for _, desc := range []string{
		"Liveness, SMS code. The avatar must follow our TOS script and ask them to accept the T&C.",
		"Recognition then liveness. Agents must follow the KYC checklist before they approve anyone.",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err)
		for _, a := range r.Assumptions {
			assert.NotContains(t, a, "as a standard the whole flow must meet", desc)
		}
	}
	r, err := Build("Liveness and SMS code. The flow must also meet WCAG 2.2 AA.", Options{})
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(r.Assumptions, func(a string) bool { return strings.Contains(a, "as a standard the whole flow must meet") }), r.Assumptions)
}

// rvD12 minor 4: "push payments" with no word of fraud around it is a push
// asked for, which FaceSign cannot send: the note says so.
func TestPushPaymentConfirmationIsAPush(t *testing.T) {
	for _, desc := range []string{
		"Liveness then push payments confirmation via our app.",
		"Recognition, then a push payment approval on their phone, then liveness.",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err)
		assert.True(t, slices.ContainsFunc(r.Assumptions, func(a string) bool { return strings.Contains(a, "cannot send push notifications") }), desc, r.Assumptions)
	}
}

// rvD12 minor 1: a staff role ("the support agent", "the branch manager") is
// not read as the user spoken to: the role stays in the prompt.
func TestStaffRoleStaysVisible(t *testing.T) {
	for desc, role := range map[string]string{
		"Liveness then ask the support agent to review the session.": "support agent",
		"Liveness, then tell the branch manager to call the user.":   "branch manager",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err)
		found := false
		for _, n := range r.Flow {
			if strings.Contains(n.Prompt, role) {
				found = true
			}
		}
		assert.True(t, found, "%s: the role %q stays visible", desc, role)
	}
}

// The note on a caught deepfake goes with the fallback it explains when a
// later exclusion leaves that fallback out.
func TestBuildDeepfakeNoteGoesWithItsFallback(t *testing.T) {
	r, err := Build("Liveness then an email code; if liveness fails, an SMS code instead. Actually, no SMS at all.", Options{})
	require.NoError(t, err)
	assert.NotContains(t, r.Assumptions, deepfakeNote)
	r, err = Build("liveness, then if they fail liveness send them to a document scan", Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Assumptions, deepfakeNote)
}

// TestUntoldGroup: a group the flow cannot tell apart is found with the words
// it scopes; new, known and returning users, everyone, ages and a group in a
// reason are not such groups.
func TestUntoldGroup(t *testing.T) {
	for _, tc := range []struct{ text, group string }{
		{"skip the ID scan for EU users", "EU users"},
		{"remove the SMS code for users in Germany", "users in Germany"},
		{"no email code for customers on Android", "customers on Android"},
		{"add a passport scan for our business customers", "business customers"},
		{"skip the ID scan for new users", ""},
		{"skip the ID scan for returning customers", ""},
		{"skip the ID scan for everyone", ""},
		{"remove the ID scan for all users", ""},
		{"no SMS code for users under 18", ""},
		{"skip the ID scan for users we don't recognise", ""},
		{"a liveness check for users", ""},
	} {
		g, _ := untoldGroup(tokenize(tc.text))
		assert.Equal(t, tc.group, g, tc.text)
	}
	_, seg := untoldGroup(tokenize("too long for our visa customers, please delete both codes"))
	assert.Equal(t, "too long for our visa customers", clauseText(seg))
}

// TestRetryNeverAfterDeepfake: a liveness check that offers a retry (of its
// own, bounded, or by the policy) never offers it after a caught deepfake,
// which ends the session, in Build and after an Edit reads the flow back.
func TestRetryNeverAfterDeepfake(t *testing.T) {
	for _, desc := range []string{
		"Liveness then SMS code. If liveness fails, offer a retry.",
		"Liveness then SMS code. Offer a retry when any check fails.",
		"Passport scan, then liveness. If liveness fails, let them try again once.",
	} {
		res, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		edited, err := Edit(res.Flow.Clone(), "make the SMS code 8 digits", Options{})
		if err != nil {
			edited = res // (no SMS code to change)
		}
		for _, f := range []flow.Flow{res.Flow, edited.Flow} {
			for _, n := range f {
				if n.Type != flow.TypeLiveness {
					continue
				}
				for _, o := range n.Outcomes {
					if o.ID != "deepfakeDetected" {
						continue
					}
					to := f.Node(o.Target)
					require.NotNil(t, to, desc)
					for _, oo := range to.Outcomes {
						assert.NotEqual(t, "retry", oo.ID, "%s: %s's deepfakeDetected offers a retry", desc, n.ID)
					}
				}
			}
		}
	}
}

// TestFallbackRejoinsPastItsComparison: a fallback taken when a scan fails
// rejoins past the comparison that reads that scan's image, which it never
// captured; at the comparison it would only report imageUnavailable.
func TestFallbackRejoinsPastItsComparison(t *testing.T) {
	for _, desc := range []string{
		"Scan their ID, then compare it with their face. If the scan times out, send them an email code instead.",
		"scan their passport, compare, then sms code. if the passport scan fails do an email code instead",
		"Take a selfie, then compare the selfie with the video. If the selfie fails, send an SMS code instead.",
	} {
		res, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		for _, w := range res.Warnings {
			assert.NotEqual(t, flow.CodeSourceNotCaptured, w.Code, "%s: %s", desc, w.Message)
		}
	}
}

// TestManualReviewSaidBack: a failure handed to a review ("flag it for manual
// review") is read as a hand-off to the team, and the result says that the
// flow flags nothing itself, so the integrator's backend must pick it up.
func TestManualReviewSaidBack(t *testing.T) {
	for _, desc := range []string{
		"Liveness then SMS code. If anything fails, flag it for manual review.",
		"ID scan, then liveness; any failure goes to manual review",
	} {
		res, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		assert.True(t, slices.ContainsFunc(res.Assumptions, func(a string) bool { return strings.Contains(a, "picks the failed session up for review") }), "%s: %q", desc, res.Assumptions)
	}
}

// A handover said for one step's failure is that step's: a caught deepfake at
// another check ends as any failure does, and nothing contradicts the
// handover after it (the line goes straight to the end). Edit reads it back.
func TestBuildScopedHandover(t *testing.T) {
	tests := []struct {
		desc, node, outcome string
	}{
		{"Liveness check, then ask them to consent to recording; if they refuse, hand over to a human.", "consent", ""},
		{"Liveness check, then an SMS code. If the SMS code fails, hand them over to an agent.", "sms_code", "failed_unverified"},
		{"passport scan, liveness, face compare against the passport. if the face doesn't match, escalate to a human reviewer", "face_compare", "noMatch"},
		// (the other check said after the handover counts as well)
		{"Ask them to consent to recording; if they refuse, hand over to a human. Then liveness check.", "consent", ""},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			n := r.Flow.Node(tt.node)
			require.NotNil(t, n)
			var target string
			if tt.outcome == "" {
				target = n.Outcomes[len(n.Outcomes)-1].Target // the question answered no
			} else {
				target, _ = n.Outcome(tt.outcome)
			}
			over := r.Flow.Node(target)
			require.NotNil(t, over)
			assert.Contains(t, over.Prompt, "member of our team")
			require.Len(t, over.Outcomes, 1)
			assert.Equal(t, flow.TypeEnd, r.Flow.Node(over.Outcomes[0].Target).Type, "nothing said after the handover")
			deep, _ := nodeOfType(r.Flow, flow.TypeLiveness).Outcome("deepfakeDetected")
			assert.NotContains(t, r.Flow.Node(deep).Prompt, "member of our team", "a caught deepfake is no handover the text asked for")
			assert.NotContains(t, questionIDs(r.Questions), "on_failure")
			assert.Contains(t, r.Summary, "hands the user to a member of the team instead. Any other failed check")

			e, err := Edit(r.Flow, "add an email code at the end", Options{})
			require.NoError(t, err)
			assert.Contains(t, e.Summary, "hands the user to a member of the team instead")
			assert.Equal(t, over.Outcomes[0].Target, e.Flow.Node(target).Outcomes[0].Target, "still nothing said after it")
		})
	}
	// A line given later for that step's failure replaces the handover there,
	// and only there (rvM16 S1: it went to every other failure).
	r, err := Build("Liveness, then an SMS code. If the SMS code fails, hand them over to an agent.", Options{})
	require.NoError(t, err)
	e, err := Edit(r.Flow, "if the SMS code fails, have the avatar say 'Please hold, a colleague will join you'", Options{})
	require.NoError(t, err)
	target, _ := e.Flow.Node("sms_code").Outcome("failed_unverified")
	assert.Contains(t, e.Flow.Node(target).Prompt, "Please hold")
	deep, _ := nodeOfType(e.Flow, flow.TypeLiveness).Outcome("deepfakeDetected")
	assert.NotContains(t, e.Flow.Node(deep).Prompt, "Please hold")
	// Edit calls the handover what it is, not "explanation" (rvM16 M3)
	e, err = Edit(r.Flow, "if the SMS code fails, just end the session instead", Options{})
	require.NoError(t, err)
	assert.Contains(t, e.Summary, "removed the handover to a member of the team from the SMS one-time code's fallback")
	e, err = Edit(r.Flow, "remove the SMS code", Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(e.Assumptions, "\n"), "(handover to a member of the team) went with it")
	// a manual review said for one step keeps its note for the backend (S15)
	r, err = Build("Liveness then SMS code. If the SMS code fails, flag it for manual review.", Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(r.Assumptions, "\n"), "your backend picks the failed session up for review")
	// a line given later in the handover's place takes it away: no handover
	// is said, and what other failures do is asked (mrA16 6)
	r, err = Build("Liveness, then an SMS code. If the SMS code fails, hand them over to an agent. If the SMS code fails, tell them to call the helpline.", Options{})
	require.NoError(t, err)
	assert.NotContains(t, strings.Join(r.Assumptions, "\n"), "hands the user to a member of the team")
	assert.Contains(t, questionIDs(r.Questions), "on_failure")
}

// A handover said with its own line keeps the line as the handover (one
// announcement, that failure only), and one said for a failure after a retry
// ("if it fails again") is the second failure's (rvM16 S11).
func TestBuildHandoverOwnLineAndAfterRetry(t *testing.T) {
	r, err := Build("Liveness, then an SMS code. If the SMS code fails, the avatar says 'An agent will call you' and hands over to a human.", Options{})
	require.NoError(t, err)
	target, _ := r.Flow.Node("sms_code").Outcome("failed_unverified")
	over := r.Flow.Node(target)
	require.NotNil(t, over)
	assert.Contains(t, over.Prompt, "An agent will call you")
	require.Len(t, over.Outcomes, 1)
	assert.Equal(t, flow.TypeEnd, r.Flow.Node(over.Outcomes[0].Target).Type, "no second announcement after the line")
	deep, _ := nodeOfType(r.Flow, flow.TypeLiveness).Outcome("deepfakeDetected")
	assert.NotContains(t, r.Flow.Node(deep).Prompt, "member of our team", "a caught deepfake is no handover")
	assert.NotContains(t, r.Flow.Node(deep).Prompt, "An agent will call you")
	assert.Contains(t, r.Summary, "hands the user to a member of the team instead")

	r, err = Build("Liveness, then an SMS code. Retry the SMS code once; if it fails again, hand them to an agent.", Options{})
	require.NoError(t, err)
	second, _ := r.Flow.Node("again_sms_code").Outcome("failed_unverified")
	require.NotNil(t, r.Flow.Node(second))
	assert.Contains(t, r.Flow.Node(second).Prompt, "member of our team", "the second failure is handed over")
	assert.NotContains(t, strings.Join(r.Assumptions, "\n"), "No step matches")

	// another step's condition in the same sentence opens its own scope
	// (rvM17 S2: the handover moved to the SMS code's second failure)
	r, err = Build("Liveness, then an SMS code. Retry the SMS code once; if it fails again, end the session, and if liveness fails, hand them to an agent.", Options{})
	require.NoError(t, err)
	second, _ = r.Flow.Node("again_sms_code").Outcome("failed_unverified")
	assert.NotContains(t, r.Flow.Node(second).Prompt, "member of our team", "the second SMS failure ends, as said")
	live, _ := nodeOfType(r.Flow, flow.TypeLiveness).Outcome("noFace")
	assert.Contains(t, r.Flow.Node(live).Prompt, "member of our team", "liveness's failure is handed over")
}

// Words the user must say, quoted, are what the avatar asks them to say and
// waits for: never a line the avatar says itself. The avatar's own quoted
// line stays its line.
func TestBuildUserMustSayQuoted(t *testing.T) {
	tests := []struct {
		desc, words string
		asked       bool
	}{
		{"Scan their passport and do liveness. At the end the user must say 'I agree'.", "I agree", true},
		{"big transfers: liveness then an sms otp. at the end the customer has to say 'I authorise this payment' before we release it", "I authorise this payment", true},
		{"Onboarding: passport scan, face compare with the passport photo, then the applicant must say \"I confirm the information is true\".", "I confirm the information is true", true},
		{"Liveness, then the user has to say \"I consent\" out loud.", "I consent", true},
		// ("should" can open a condition, "Should the scan fail"; not here; rvM16 S12)
		{"Outgoing wire: liveness check, then an SMS code. The account holder should say \"No one is pressuring me to make this payment\".", "No one is pressuring me", true},
		// (whatever the verb after "must")
		{"kyc onboarding: scan their passport, then the applicant must state 'I confirm the document is mine', then a liveness check", "I confirm the document is mine", true},
		{"recovery flow - email code then liveness, and at the very end the avatar should say 'You're all set, welcome back'", "welcome back", false},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			var said *flow.Node
			for i := range r.Flow {
				if strings.Contains(r.Flow[i].Prompt, tt.words) {
					said = &r.Flow[i]
				}
			}
			require.NotNil(t, said, "the words are in the flow")
			if tt.asked {
				assert.True(t, strings.HasPrefix(said.Prompt, "Ask the user to "), said.Prompt)
				assert.False(t, said.DoesNotRequireReply, "the avatar waits for the user to say it")
				// (the words said pass, not any clear answer: "No, I don't agree" is clear)
				require.NotEmpty(t, said.Outcomes)
				assert.Contains(t, said.Outcomes[0].Condition, tt.words)
			} else {
				assert.True(t, strings.HasPrefix(said.Prompt, "Say: "), said.Prompt)
			}
		})
	}
	// Edit says back what the question read back asks (rvM16 M5: "a short
	// question to confirm their identity")
	r, err := Build("Liveness, then an SMS code. At the end the user must say 'I agree'.", Options{})
	require.NoError(t, err)
	e, err := Edit(r.Flow, "remove the SMS code", Options{})
	require.NoError(t, err)
	assert.Contains(t, e.Summary, "asks the user to say: I agree")
}

// A device names a group the flow cannot tell apart; what the clause says of
// a step the flow already has adds nothing (rvM16 M1: "never skip liveness on
// desktop" advised a flow without liveness for the others).
func TestBuildDeviceScope(t *testing.T) {
	r, err := Build("Liveness check then an SMS code. Never skip liveness on desktop.", Options{})
	require.NoError(t, err)
	assert.NotContains(t, strings.Join(r.Assumptions, "\n"), "without it")
	r, err = Build("Liveness, an SMS code and an email code. No SMS code on desktop.", Options{})
	require.NoError(t, err)
	require.NotNil(t, nodeOfType(r.Flow, flow.TypeTwoFactorSMS), "the step stays for everyone")
	assert.Contains(t, strings.Join(r.Assumptions, "\n"), "cannot tell users on desktop")
}

// "Transfer them to a human" is a handover, not a money transfer: no line of
// the flow speaks of a transfer (rvM16 S16).
func TestBuildTransferToAHuman(t *testing.T) {
	r, err := Build("Passport scan then liveness. If they cancel the scan, transfer them to a human.", Options{})
	require.NoError(t, err)
	for _, n := range r.Flow {
		assert.NotContains(t, n.Prompt, "transfer", n.ID)
	}
}

// Near-misses of this stage's readings (rvM17): "minor" as an adjective
// asks no age; a user's words with no "must" or "should" are no line to say;
// an instruction in a reason's sentence is still one.
func TestBuildNearMissesOfReadings(t *testing.T) {
	tests := []struct {
		desc       string
		has, hasnt []flow.NodeType
		noAsk      bool
	}{
		{desc: "Liveness, then an SMS code. If there's a minor issue with the SMS code, let them retry.", hasnt: []flow.NodeType{flow.TypeDataValidation}},
		{desc: "Scan their passport, then compare their face to the passport photo. Allow for minor differences in lighting.", hasnt: []flow.NodeType{flow.TypeDataValidation}},
		{desc: "Liveness then SMS code. If they are a minor, end the session.", has: []flow.NodeType{flow.TypeDataValidation}},
		{desc: "Liveness. The user says 'no' -> end.", noAsk: true},
		{desc: "Liveness, then an SMS code. Typically the user says 'hi' and then we begin.", noAsk: true},
		{desc: "Liveness. Reasoning: liveness alone is weak, so also add an SMS code.", has: []flow.NodeType{flow.TypeLiveness, flow.TypeTwoFactorSMS}},
		{desc: "Liveness, then an SMS code. Rationale: drop the SMS code, it is slow.", hasnt: []flow.NodeType{flow.TypeTwoFactorSMS}},
		{desc: "liveness then sms otp. Reasoning: no liveness => deepfakes get in.", has: []flow.NodeType{flow.TypeLiveness, flow.TypeTwoFactorSMS}},
		{desc: "Liveness then SMS code, because without liveness deepfakes get in.", has: []flow.NodeType{flow.TypeLiveness, flow.TypeTwoFactorSMS}},
		// a sentence opening on "without" a step the text asks for says why
		// it is there (rvM17 S8); of a step asked nowhere else, or before an
		// instruction, it still rules the step out
		{desc: "Liveness, then an SMS code. Without liveness, deepfakes get in.", has: []flow.NodeType{flow.TypeLiveness, flow.TypeTwoFactorSMS}},
		{desc: "Liveness, then an SMS code. Keep liveness: without it, deepfakes get in.", has: []flow.NodeType{flow.TypeLiveness}},
		{desc: "Liveness then a one-time code. Without SMS, we save money.", has: []flow.NodeType{flow.TypeLiveness}, hasnt: []flow.NodeType{flow.TypeTwoFactorSMS}},
		{desc: "Without an SMS code, use an email code. Liveness first.", hasnt: []flow.NodeType{flow.TypeTwoFactorSMS}},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			for _, typ := range tt.has {
				assert.NotNil(t, nodeOfType(r.Flow, typ), "%s", typ)
			}
			for _, typ := range tt.hasnt {
				assert.Nil(t, nodeOfType(r.Flow, typ), "%s", typ)
			}
			if tt.noAsk {
				for _, n := range r.Flow {
					assert.NotContains(t, n.Prompt, "Ask the user to say", "no words to say invented")
				}
			}
		})
	}
}

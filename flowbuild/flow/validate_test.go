package flow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleDir holds copies of ../shared/flows (the contract's sample flows) so the
// package tests stand alone; TestSampleFlowsMatchShared keeps the copies honest.
const sampleDir = "testdata/flows"

// fixtureFiles lists the sample flow files, relative to sampleDir, by folder.
func fixtureFiles(t testing.TB) (valid, invalid, warn []string) {
	t.Helper()
	glob := func(pattern string) []string {
		m, err := filepath.Glob(filepath.Join(sampleDir, pattern))
		require.NoError(t, err)
		require.NotEmpty(t, m, pattern)
		return m
	}
	return glob("*.json"), glob("invalid/*.json"), glob("warn/*.json")
}

// fixtureFlow decodes a flow written inline in a test.
func fixtureFlow(t testing.TB, js string) Flow {
	t.Helper()
	f, err := Decode([]byte(js))
	require.NoError(t, err, js)
	return f
}

// Building blocks for inline flows: a greeting long enough for video work, a
// closing line and an end, so that a case shows only the problem it is about.
const (
	fxEnd = `{"id":"end","type":"end"}`
	fxBye = `{"id":"bye","type":"conversation","prompt":"Say: Thank you, that's all.","doesNotRequireReply":true,"outcomes":[{"id":"b","targetNodeId":"end","condition":""}]}`
)

func fxStart(next string) string {
	return `{"id":"start","type":"start","outcome":` + strconv.Quote(next) + `}`
}

func fxHello(next string) string {
	return `{"id":"hi","type":"conversation","prompt":"Say: Hello! This takes under a minute, so please look at the camera while we talk.","doesNotRequireReply":true,"outcomes":[{"id":"go","targetNodeId":` + strconv.Quote(next) + `,"condition":""}]}`
}

func fxLiveness(id, ok, other string) string {
	return `{"id":"` + id + `","type":"liveness_detection","outcomes":{"livenessDetected":"` + ok + `","deepfakeDetected":"` + other + `","noFace":"` + other + `"}}`
}

// fxChain: start → hello → nodes… (the first node's id is first) with bye and end appended.
func fxChain(first string, nodes ...string) string {
	all := append([]string{fxStart("hi"), fxHello(first)}, nodes...)
	all = append(all, fxBye, fxEnd)
	return "[" + strings.Join(all, ",") + "]"
}

type wantProblem struct {
	sev  Severity
	code string
	path string
}

func problemKeys(ps []Problem) []wantProblem {
	out := make([]wantProblem, len(ps))
	for i, p := range ps {
		out[i] = wantProblem{p.Severity, p.Code, p.Path}
	}
	return out
}

var allCodes = []string{
	CodeInvalidFlow, CodeEmptyFlow, CodeMissingID, CodeDuplicateID, CodeInvalidID, CodeUnknownType, CodeNoStart, CodeMultipleStarts,
	CodeNoEnd, CodeMissingTarget, CodeDanglingTarget, CodeMissingOutcome, CodeUnknownOutcome, CodeNoOutcomes,
	CodeMissingOutcomeID, CodeDuplicateOutcomeID, CodeUnreachable, CodeNoPathToEnd, CodeEmptyPrompt,
	CodeInformingConversation, CodeOTPLength, CodeOTPExpiry, CodeOTPMaxAttempts, CodeThresholdRange,
	CodeUnknownDocumentType, CodeUnknownScanningMode, CodeMissingFaceSource, CodeUnknownFaceSource,
	CodeMissingProvidedDataKey, CodeMissingValidation,
	CodeUnknownField, CodeRecognitionWithoutLiveness, CodeVerificationOutcomeToEnd, CodeShortGreeting, CodeNoClosingLine,
	CodeSourceNotCaptured,
}

// checkProblemShape holds for every problem Validate ever returns: a known code in
// snake_case, a message and a fix, and a path that points into the flow (the node
// exists; the field's parent exists, since a missing field is pointed at where it belongs).
func checkProblemShape(t *testing.T, f Flow, ps []Problem) {
	t.Helper()
	var doc any
	if f != nil {
		data, err := json.Marshal(f)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(data, &doc))
	}
	for _, p := range ps {
		assert.Contains(t, allCodes, p.Code, "unknown code in %v", p)
		assert.Regexp(t, `^[a-z]+(_[a-z]+)*$`, p.Code)
		assert.NotEmpty(t, p.Message, "%v", p)
		assert.NotEmpty(t, p.Fix, "%v", p)
		assert.Contains(t, []Severity{SeverityError, SeverityWarning}, p.Severity)
		if f == nil || p.Path == "" {
			continue
		}
		require.True(t, strings.HasPrefix(p.Path, "/"), "path %q of %v", p.Path, p)
		tokens := strings.Split(p.Path[1:], "/")
		_, ok := resolvePointer(doc, tokens[:len(tokens)-1])
		assert.True(t, ok, "the parent of %s does not exist in the flow (%v)", p.Path, p)
	}
}

func resolvePointer(doc any, tokens []string) (any, bool) {
	cur := doc
	for _, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v := cur.(type) {
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return nil, false
			}
			cur = v[i]
		case map[string]any:
			next, ok := v[tok]
			if !ok {
				return nil, false
			}
			cur = next
		default:
			return nil, false
		}
	}
	return cur, true
}

func TestValidateSampleFlows(t *testing.T) {
	valid, invalid, warn := fixtureFiles(t)

	for _, file := range valid {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			f, ps := ValidateJSON(data)
			require.NotNil(t, f)
			// The valid samples follow every pattern too: no warnings either.
			assert.Empty(t, ps)
		})
	}

	// Each invalid sample breaks one rule, named by its file; the error must name
	// that rule (code) and where (path).
	wantInvalid := map[string]wantProblem{
		"dangling-target.json":    {SeverityError, CodeDanglingTarget, "/1/outcomes/0/targetNodeId"},
		"duplicate-id.json":       {SeverityError, CodeDuplicateID, "/2/id"},
		"empty-conversation.json": {SeverityError, CodeEmptyPrompt, "/1/prompt"},
		"missing-outcomes.json":   {SeverityError, CodeMissingOutcome, "/1/outcomes/deepfakeDetected"},
		"no-end.json":             {SeverityError, CodeNoEnd, ""},
		"not-an-array.json":       {SeverityError, CodeInvalidFlow, "/flow"},
		"otp-length.json":         {SeverityError, CodeOTPLength, "/1/otpLength"},
		"two-starts.json":         {SeverityError, CodeMultipleStarts, "/1"},
		"unknown-type.json":       {SeverityError, CodeUnknownType, "/1/type"},
		"unreachable.json":        {SeverityError, CodeUnreachable, "/1"},
	}
	require.Len(t, invalid, len(wantInvalid), "a new invalid sample needs its expectation here")
	for _, file := range invalid {
		t.Run("invalid/"+filepath.Base(file), func(t *testing.T) {
			want, ok := wantInvalid[filepath.Base(file)]
			require.True(t, ok, "no expectation for %s", file)
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			f, ps := ValidateJSON(data)
			assert.True(t, HasErrors(ps))
			assert.Contains(t, problemKeys(ps), want)
			checkProblemShape(t, f, ps)
		})
	}

	wantWarn := map[string][]wantProblem{
		"liveness-outcome-to-end.json": {
			{SeverityWarning, CodeVerificationOutcomeToEnd, "/2/outcomes/deepfakeDetected"},
			{SeverityWarning, CodeVerificationOutcomeToEnd, "/2/outcomes/noFace"},
			{SeverityWarning, CodeShortGreeting, "/2"}, // "Say: Hi." is one word
		},
		"recognition-without-liveness.json": {
			{SeverityWarning, CodeRecognitionWithoutLiveness, "/1/outcomes/recognized"},
			{SeverityWarning, CodeVerificationOutcomeToEnd, "/1/outcomes/recognized"},
			{SeverityWarning, CodeVerificationOutcomeToEnd, "/1/outcomes/newUser"},
			{SeverityWarning, CodeVerificationOutcomeToEnd, "/1/outcomes/noFace"},
			{SeverityWarning, CodeShortGreeting, "/1"}, // recognition is the first node
		},
	}
	require.Len(t, warn, len(wantWarn), "a new warn sample needs its expectation here")
	for _, file := range warn {
		t.Run("warn/"+filepath.Base(file), func(t *testing.T) {
			want, ok := wantWarn[filepath.Base(file)]
			require.True(t, ok, "no expectation for %s", file)
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			f, ps := ValidateJSON(data)
			assert.False(t, HasErrors(ps), "%v", ps)
			assert.Equal(t, want, problemKeys(ps))
			checkProblemShape(t, f, ps)
		})
	}
}

// The copies in testdata must be the contract's samples, byte for byte, whenever
// the shared folder is next to the checkout.
func TestSampleFlowsMatchShared(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "flows")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("../shared/flows is not next to this checkout")
	}
	var sharedFiles []string
	require.NoError(t, filepath.WalkDir(shared, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(shared, path)
			sharedFiles = append(sharedFiles, rel)
		}
		return err
	}))
	require.NotEmpty(t, sharedFiles)
	for _, rel := range sharedFiles {
		want, err := os.ReadFile(filepath.Join(shared, rel))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(sampleDir, rel))
		require.NoError(t, err, "copy %s into %s", rel, sampleDir)
		assert.Equal(t, string(want), string(got), rel)
	}
}

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name string
		flow string
		// want must all be reported; when exact, nothing else may be.
		want  []wantProblem
		exact bool
		// in the message or fix of the first wanted problem
		mentions []string
	}{
		{name: "empty flow", flow: `[]`, exact: true,
			want: []wantProblem{{SeverityError, CodeEmptyFlow, ""}}},
		{name: "node without id", flow: fxChain("", `{"type":"end"}`),
			want: []wantProblem{{SeverityError, CodeMissingID, "/2/id"}}},
		{name: "duplicate id", flow: `[` + fxStart("hi") + `,` + fxHello("bye") + `,` + fxBye + `,` + fxEnd + `,` + fxEnd + `]`, exact: true,
			want: []wantProblem{{SeverityError, CodeDuplicateID, "/4/id"}}, mentions: []string{`"end"`, "end_2"}},
		{name: "id with a line break", flow: fxChain("x\ny", `{"id":"x\ny","type":"conversation","prompt":"Say: hi","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"bye","condition":""}]}`),
			want: []wantProblem{{SeverityError, CodeInvalidID, "/2/id"}}, exact: true, mentions: []string{`"x\ny"`, "control character (U+000A)"}},
		{name: "id with a bidirectional override", flow: fxChain("ok\u202egnp.exe", `{"id":"ok\u202egnp.exe","type":"conversation","prompt":"Say: hi","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"bye","condition":""}]}`),
			want: []wantProblem{{SeverityError, CodeInvalidID, "/2/id"}}, exact: true, mentions: []string{`"ok\u202egnp.exe"`, "bidirectional formatting character (U+202E)"}},
		{name: "outcome id with an isolate", flow: fxChain("c", `{"id":"c","type":"conversation","prompt":"Ask.","outcomes":[{"id":"a\u2066b","targetNodeId":"bye","condition":"yes"}]}`),
			want: []wantProblem{{SeverityError, CodeInvalidID, "/2/outcomes/0/id"}}, exact: true},
		{name: "no type", flow: `[` + fxStart("end") + `,{"id":"end"}]`,
			want: []wantProblem{{SeverityError, CodeUnknownType, "/1/type"}}},
		{name: "unknown type gets a suggestion", flow: `[` + fxStart("x") + `,{"id":"x","type":"liveness","outcomes":{"ok":"end"}},` + fxEnd + `]`, exact: true,
			want: []wantProblem{{SeverityError, CodeUnknownType, "/1/type"}}, mentions: []string{`"liveness"`, `Did you mean "liveness_detection"`}},
		{name: "no start", flow: `[` + fxHello("bye") + `,` + fxBye + `,` + fxEnd + `]`,
			want: []wantProblem{{SeverityError, CodeNoStart, ""}}, mentions: []string{`"outcome":"hi"`}},
		{name: "two starts", flow: `[` + fxStart("end") + `,` + fxStart("end") + `,` + fxEnd + `]`,
			want: []wantProblem{{SeverityError, CodeMultipleStarts, "/1"}}},
		{name: "no end", flow: `[` + fxStart("a") + `,{"id":"a","type":"conversation","prompt":"Say: hi","outcomes":[{"id":"x","targetNodeId":"a","condition":""}]}]`, exact: true,
			want: []wantProblem{{SeverityError, CodeNoEnd, ""}}},
		{name: "start without outcome", flow: `[{"id":"start","type":"start"},` + fxEnd + `]`,
			want: []wantProblem{{SeverityError, CodeMissingTarget, "/0/outcome"}}},
		{name: "start points nowhere", flow: `[` + fxStart("HI") + `,` + fxHello("bye") + `,` + fxBye + `,` + fxEnd + `]`,
			want: []wantProblem{{SeverityError, CodeDanglingTarget, "/0/outcome"}}, mentions: []string{`"HI"`, `Did you mean "hi"`}},
		{name: "list outcome dangling names node, outcome and target", flow: fxChain("c",
			`{"id":"c","type":"conversation","prompt":"Ask for the amount.","outcomes":[{"id":"ok","targetNodeId":"bye","condition":"gave it"},{"id":"no","targetNodeId":"nowhere","condition":"refused"}]}`),
			want: []wantProblem{{SeverityError, CodeDanglingTarget, "/2/outcomes/1/targetNodeId"}}, exact: true,
			mentions: []string{`node "c"`, `outcome "no"`, `"nowhere"`}},
		{name: "map outcome dangling", flow: fxChain("l", fxLiveness("l", "bye", "gone")),
			want: []wantProblem{{SeverityError, CodeDanglingTarget, "/2/outcomes/deepfakeDetected"}, {SeverityError, CodeDanglingTarget, "/2/outcomes/noFace"}}, exact: true},
		{name: "map outcome with empty target", flow: fxChain("l", fxLiveness("l", "bye", "")),
			want: []wantProblem{{SeverityError, CodeMissingTarget, "/2/outcomes/deepfakeDetected"}, {SeverityError, CodeMissingTarget, "/2/outcomes/noFace"}}, exact: true},
		{name: "missing map outcome", flow: fxChain("l", `{"id":"l","type":"liveness_detection","outcomes":{"livenessDetected":"bye","noFace":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeMissingOutcome, "/2/outcomes/deepfakeDetected"}}, exact: true, mentions: []string{`node "l"`, "deepfakeDetected"}},
		{name: "map type without outcomes", flow: fxChain("r", `{"id":"r","type":"recognition"}`),
			want: []wantProblem{{SeverityError, CodeMissingOutcome, "/2/outcomes"}}, mentions: []string{"recognized", "newUser", "noFace"}},
		{name: "unknown outcome with a suggestion", flow: fxChain("e", `{"id":"e","type":"enter_email","prompt":"Your email?","outcomes":{"emailEntered":"bye","canceled":"bye","cancelled":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeUnknownOutcome, "/2/outcomes/cancelled"}}, exact: true, mentions: []string{`Rename it to "canceled"`}},
		{name: "outcome name with a slash is escaped in the path", flow: fxChain("e", `{"id":"e","type":"enter_email","prompt":"Your email?","outcomes":{"emailEntered":"bye","canceled":"bye","a/b~c":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeUnknownOutcome, "/2/outcomes/a~1b~0c"}}, exact: true},
		{name: "empty outcome list", flow: `[` + fxStart("a") + `,{"id":"a","type":"conversation","prompt":"Say: hi","outcomes":[]},` + fxEnd + `]`,
			want: []wantProblem{{SeverityError, CodeNoOutcomes, "/1/outcomes"}}},
		{name: "data_validation without outcomes", flow: fxChain("v", `{"id":"v","type":"data_validation","validation":{"field":"dateOfBirth","action":"olderThan","value":"18"}}`),
			want: []wantProblem{{SeverityError, CodeNoOutcomes, "/2/outcomes"}}},
		{name: "list outcome without id", flow: fxChain("c", `{"id":"c","type":"conversation","prompt":"Ask.","outcomes":[{"id":"","targetNodeId":"bye","condition":"yes"}]}`),
			want: []wantProblem{{SeverityError, CodeMissingOutcomeID, "/2/outcomes/0/id"}}, exact: true},
		{name: "duplicate list outcome id", flow: fxChain("c", `{"id":"c","type":"conversation","prompt":"Ask.","outcomes":[{"id":"a","targetNodeId":"bye","condition":"yes"},{"id":"a","targetNodeId":"bye","condition":"no"}]}`),
			want: []wantProblem{{SeverityError, CodeDuplicateOutcomeID, "/2/outcomes/1/id"}}, exact: true},
		{name: "unreachable node", flow: `[` + fxStart("hi") + `,` + fxHello("bye") + `,` + fxBye + `,{"id":"lost","type":"conversation","prompt":"Say: lost","doesNotRequireReply":true,"outcomes":[{"id":"x","targetNodeId":"end","condition":""}]},` + fxEnd + `]`,
			want: []wantProblem{{SeverityError, CodeUnreachable, "/3"}}, exact: true, mentions: []string{`"lost"`}},
		{name: "loop with no way out", flow: fxChain("a",
			`{"id":"a","type":"conversation","prompt":"Ask.","outcomes":[{"id":"x","targetNodeId":"b","condition":"yes"},{"id":"y","targetNodeId":"bye","condition":"no"}]}`,
			`{"id":"b","type":"conversation","prompt":"Say: again","doesNotRequireReply":true,"outcomes":[{"id":"z","targetNodeId":"c","condition":""}]}`,
			`{"id":"c","type":"conversation","prompt":"Say: and again","doesNotRequireReply":true,"outcomes":[{"id":"w","targetNodeId":"b","condition":""}]}`),
			want: []wantProblem{{SeverityError, CodeNoPathToEnd, "/3"}, {SeverityError, CodeNoPathToEnd, "/4"}}, exact: true},
		{name: "empty prompt", flow: fxChain("c", `{"id":"c","type":"conversation","prompt":"  ","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"bye","condition":""}]}`),
			want: []wantProblem{{SeverityError, CodeEmptyPrompt, "/2/prompt"}}, exact: true},
		{name: "prompt with Say: and nothing to say", flow: fxChain("c", `{"id":"c","type":"conversation","prompt":"Say:","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"bye","condition":""}]}`),
			want: []wantProblem{{SeverityError, CodeEmptyPrompt, "/2/prompt"}}, exact: true},
		{name: "missing prompt", flow: fxChain("c", `{"id":"c","type":"conversation","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"bye","condition":""}]}`),
			want: []wantProblem{{SeverityError, CodeEmptyPrompt, "/2/prompt"}}, exact: true},
		{name: "informing conversation with two outcomes", flow: fxChain("c", `{"id":"c","type":"conversation","prompt":"Say: ok","doesNotRequireReply":true,"outcomes":[{"id":"a","targetNodeId":"bye","condition":""},{"id":"b","targetNodeId":"bye","condition":""}]}`),
			want: []wantProblem{{SeverityError, CodeInformingConversation, "/2/outcomes"}}, exact: true},
		{name: "informing conversation with a condition", flow: fxChain("c", `{"id":"c","type":"conversation","prompt":"Say: ok","doesNotRequireReply":true,"outcomes":[{"id":"a","targetNodeId":"bye","condition":"the user agrees"}]}`),
			want: []wantProblem{{SeverityError, CodeInformingConversation, "/2/outcomes/0/condition"}}, exact: true},
		{name: "otp too short and bad settings", flow: fxChain("o", `{"id":"o","type":"two_factor_sms","otpLength":3,"expirySeconds":0,"maxAttempts":-1,"outcomes":{"verified":"bye","delivery_failed":"bye","failed_unverified":"bye","cancelled":"bye","error":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeOTPLength, "/2/otpLength"}, {SeverityError, CodeOTPExpiry, "/2/expirySeconds"}, {SeverityError, CodeOTPMaxAttempts, "/2/maxAttempts"}}, exact: true},
		{name: "otp too long", flow: fxChain("o", `{"id":"o","type":"two_factor_email","otpLength":9,"outcomes":{"verified":"bye","delivery_failed":"bye","failed_unverified":"bye","cancelled":"bye","error":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeOTPLength, "/2/otpLength"}}, exact: true, mentions: []string{"9", "4 and 8"}},
		{name: "face_scan threshold above 1", flow: fxChain("s", `{"id":"s","type":"face_scan","similarityThreshold":80,"outcomes":{"passed":"bye","notPassed":"bye","cancelled":"bye","error":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeThresholdRange, "/2/similarityThreshold"}}, exact: true},
		{name: "face_compare: threshold, unknown and missing sources", flow: fxChain("c", `{"id":"c","type":"face_compare","sourceA":{"source":"selfie"},"similarityThreshold":-0.1,"outcomes":{"match":"bye","noMatch":"bye","imageUnavailable":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeUnknownFaceSource, "/2/sourceA/source"}, {SeverityError, CodeMissingFaceSource, "/2/sourceB"}, {SeverityError, CodeThresholdRange, "/2/similarityThreshold"}}, exact: true},
		{name: "face_compare providedData without key", flow: fxChain("c", `{"id":"c","type":"face_compare","sourceA":{"source":"sessionVideo"},"sourceB":{"source":"providedData"},"outcomes":{"match":"bye","noMatch":"bye","imageUnavailable":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeMissingProvidedDataKey, "/2/sourceB/providedDataKey"}}, exact: true},
		{name: "document scan: unknown type and mode", flow: fxChain("d", `{"id":"d","type":"document_scan","scanningMode":"manual","allowedDocumentTypes":["passport","drivers_license","visas"],"outcomes":{"scanSuccess":"bye","userCancelled":"bye","scanTimeout":"bye"}}`),
			want: []wantProblem{{SeverityError, CodeUnknownScanningMode, "/2/scanningMode"}, {SeverityError, CodeUnknownDocumentType, "/2/allowedDocumentTypes/1"}, {SeverityError, CodeUnknownDocumentType, "/2/allowedDocumentTypes/2"}}, exact: true},
		{name: "data_validation without a rule", flow: fxChain("v", `{"id":"v","type":"data_validation","outcomes":[{"id":"ok","targetNodeId":"bye","condition":"valid"}]}`),
			want: []wantProblem{{SeverityError, CodeMissingValidation, "/2/validation"}}, exact: true},
		{name: "data_validation without field and action", flow: fxChain("v", `{"id":"v","type":"data_validation","validation":{"field":"","action":"","value":"18"},"outcomes":[{"id":"ok","targetNodeId":"bye","condition":"valid"}]}`),
			want: []wantProblem{{SeverityError, CodeMissingValidation, "/2/validation/field"}, {SeverityError, CodeMissingValidation, "/2/validation/action"}}, exact: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixtureFlow(t, tt.flow)
			ps := Validate(f)
			got := problemKeys(ps)
			if tt.exact {
				assert.Equal(t, tt.want, got, "%v", ps)
			} else {
				for _, w := range tt.want {
					assert.Contains(t, got, w, "%v", ps)
				}
			}
			checkProblemShape(t, f, ps)
			if len(tt.mentions) > 0 {
				i := slices.Index(got, tt.want[0])
				require.GreaterOrEqual(t, i, 0)
				text := ps[i].Message + " | " + ps[i].Fix
				for _, m := range tt.mentions {
					assert.Contains(t, text, m)
				}
			}
		})
	}
}

func TestValidateAcceptsBoundaries(t *testing.T) {
	for _, js := range []string{
		fxChain("l", `{"id":"l","type":"liveness_detection","outcomes":{"livenessDetected":"bye","deepfakeDetected":"bye","noFace":"bye","inconclusive":"bye","captureUnavailable":"bye"}}`),
		fxChain("o", `{"id":"o","type":"two_factor_sms","otpLength":4,"expirySeconds":1,"maxAttempts":1,"outcomes":{"verified":"p","delivery_failed":"p","failed_unverified":"p","cancelled":"p","error":"p"}}`,
			`{"id":"p","type":"two_factor_email","otpLength":8,"outcomes":{"verified":"bye","delivery_failed":"bye","failed_unverified":"bye","cancelled":"bye","error":"bye"}}`),
		fxChain("s", `{"id":"s","type":"face_scan","similarityThreshold":0,"outcomes":{"passed":"c","notPassed":"bye","cancelled":"bye","error":"bye"}}`,
			`{"id":"c","type":"face_compare","sourceA":{"source":"faceScan"},"sourceB":{"source":"providedData","providedDataKey":"photo"},"similarityThreshold":1,"outcomes":{"match":"bye","noMatch":"bye","imageUnavailable":"bye"}}`),
		fxChain("d", `{"id":"d","type":"document_scan","scanningMode":"single","allowedDocumentTypes":["passport","id","dl","residence-permit","visa"],"outcomes":{"scanSuccess":"bye","userCancelled":"bye","scanTimeout":"bye"}}`),
		fxChain("e", `{"id":"e","type":"enter_email","prompt":"Type your email.","outcomes":{"emailEntered":"bye","canceled":"bye"}}`),
		fxChain("p", `{"id":"p","type":"permissions","prompt":"Camera please","permissions":{"camera":true,"microphone":true},"outcomes":{"permissionsGranted":"bye","permissionsDenied":"bye"}}`),
		// A cycle is fine as long as every node can still reach an end.
		fxChain("a", `{"id":"a","type":"conversation","prompt":"Ask the user for the amount.","outcomes":[{"id":"ok","targetNodeId":"bye","condition":"gave it"},{"id":"again","targetNodeId":"a","condition":"unclear"}]}`),
	} {
		ps := Validate(fixtureFlow(t, js))
		assert.Empty(t, ps, js)
	}
}

func TestValidateWarnings(t *testing.T) {
	tests := []struct {
		name     string
		flow     string
		want     []wantProblem // exactly these
		mentions []string
	}{
		{name: "unknown field, with a suggestion", flow: fxChain("o", `{"id":"o","type":"two_factor_email","otplength":6,"outcomes":{"verified":"bye","delivery_failed":"bye","failed_unverified":"bye","cancelled":"bye","error":"bye"}}`),
			want: []wantProblem{{SeverityWarning, CodeUnknownField, "/2/otplength"}}, mentions: []string{`Did you mean "otpLength"`}},
		{name: "face_compare reads a document no path scanned", flow: fxChain("c",
			`{"id":"c","type":"face_compare","sourceA":{"source":"documentPhoto"},"sourceB":{"source":"sessionVideo"},"outcomes":{"match":"bye","noMatch":"bye","imageUnavailable":"bye"}}`),
			want: []wantProblem{{SeverityWarning, CodeSourceNotCaptured, "/2/sourceA"}}, mentions: []string{"document_scan"}},
		{name: "face_compare reached past the document scan by one path", flow: fxChain("d",
			`{"id":"d","type":"document_scan","outcomes":{"scanSuccess":"c","userCancelled":"s","scanTimeout":"bye"}}`,
			`{"id":"s","type":"face_scan","outcomes":{"passed":"c","notPassed":"bye","cancelled":"bye","error":"bye"}}`,
			`{"id":"c","type":"face_compare","sourceA":{"source":"documentPhoto"},"sourceB":{"source":"faceScan"},"outcomes":{"match":"bye","noMatch":"bye","imageUnavailable":"bye"}}`),
			want: []wantProblem{{SeverityWarning, CodeSourceNotCaptured, "/4/sourceA"}, {SeverityWarning, CodeSourceNotCaptured, "/4/sourceB"}}},
		{name: "recognized user reaches the end without liveness", flow: fxChain("r",
			`{"id":"r","type":"recognition","outcomes":{"recognized":"known","newUser":"lu","noFace":"lu"}}`,
			`{"id":"known","type":"conversation","prompt":"Say: Welcome back.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"bye","condition":""}]}`,
			fxLiveness("lu", "bye", "bye")),
			want: []wantProblem{{SeverityWarning, CodeRecognitionWithoutLiveness, "/2/outcomes/recognized"}}, mentions: []string{`node "r"`}},
		{name: "one branch after recognition skips liveness", flow: fxChain("r",
			`{"id":"r","type":"recognition","outcomes":{"recognized":"ask","newUser":"lu","noFace":"lu"}}`,
			`{"id":"ask","type":"conversation","prompt":"Ask whether the user wants to continue.","outcomes":[{"id":"yes","targetNodeId":"lu","condition":"yes"},{"id":"no","targetNodeId":"bye","condition":"no"}]}`,
			fxLiveness("lu", "bye", "bye")),
			want: []wantProblem{{SeverityWarning, CodeRecognitionWithoutLiveness, "/2/outcomes/recognized"}}},
		{name: "liveness outcome to a step that just ends", flow: fxChain("l", fxLiveness("l", "bye", "o"),
			`{"id":"o","type":"two_factor_email","outcomes":{"verified":"end","delivery_failed":"end","failed_unverified":"end","cancelled":"end","error":"end"}}`),
			want: []wantProblem{
				{SeverityWarning, CodeVerificationOutcomeToEnd, "/2/outcomes/deepfakeDetected"},
				{SeverityWarning, CodeVerificationOutcomeToEnd, "/2/outcomes/noFace"},
				{SeverityWarning, CodeNoClosingLine, "/3/outcomes"},
			}},
		{name: "step with one outcome straight to end", flow: fxChain("e", `{"id":"e","type":"enter_email","prompt":"Email?","outcomes":{"emailEntered":"bye","canceled":"end"}}`),
			want: []wantProblem{{SeverityWarning, CodeNoClosingLine, "/2/outcomes/canceled"}}, mentions: []string{`"canceled"`}},
		{name: "no greeting before liveness", flow: `[` + fxStart("l") + `,` + fxLiveness("l", "bye", "bye") + `,` + fxBye + `,` + fxEnd + `]`,
			want: []wantProblem{{SeverityWarning, CodeShortGreeting, "/1"}}, mentions: []string{"says nothing"}},
		{name: "eleven words is too short", flow: `[` + fxStart("g") + `,{"id":"g","type":"conversation","prompt":"Say: one two three four five six seven eight nine ten eleven.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"s","condition":""}]},` +
			`{"id":"s","type":"face_scan","outcomes":{"passed":"bye","notPassed":"bye","cancelled":"bye","error":"bye"}},` + fxBye + `,` + fxEnd + `]`,
			want: []wantProblem{{SeverityWarning, CodeShortGreeting, "/2"}}, mentions: []string{"11 words", "4.4 s"}},
		{name: "a short branch around the greeting", flow: `[` + fxStart("ask") + `,` +
			`{"id":"ask","type":"conversation","prompt":"Ask if the user is ready.","outcomes":[{"id":"ready","targetNodeId":"l","condition":"ready"},{"id":"explain","targetNodeId":"hi","condition":"wants to know more"}]},` +
			fxHello("l") + `,` + fxLiveness("l", "bye", "bye") + `,` + fxBye + `,` + fxEnd + `]`,
			want: []wantProblem{{SeverityWarning, CodeShortGreeting, "/3"}}, mentions: []string{"6 words"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixtureFlow(t, tt.flow)
			ps := Validate(f)
			assert.Equal(t, tt.want, problemKeys(ps), "%v", ps)
			checkProblemShape(t, f, ps)
			if len(tt.mentions) > 0 && len(ps) > 0 {
				text := ps[0].Message + " | " + ps[0].Fix
				for _, m := range tt.mentions {
					assert.Contains(t, text, m)
				}
			}
		})
	}
}

func TestValidateGreetingCountsTwelveWords(t *testing.T) {
	greeting := func(words int) string {
		w := make([]string, words)
		for i := range w {
			w[i] = "word"
		}
		return `[` + fxStart("g") + `,{"id":"g","type":"conversation","prompt":"Say: ` + strings.Join(w, " ") + `","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"l","condition":""}]},` +
			fxLiveness("l", "bye", "bye") + `,` + fxBye + `,` + fxEnd + `]`
	}
	assert.Empty(t, Validate(fixtureFlow(t, greeting(12))))
	assert.Equal(t, []wantProblem{{SeverityWarning, CodeShortGreeting, "/2"}}, problemKeys(Validate(fixtureFlow(t, greeting(11)))))
}

func TestCountWords(t *testing.T) {
	for in, want := range map[string]int{
		"":                           0,
		"Hello!":                     1,
		"Hi — it's me, 2 minutes.":   5,
		"  spaced   out  ":           2,
		"Bonjour, ça va ? Très bien": 5,
		"re-enter the one-time code": 4,
	} {
		assert.Equal(t, want, wordCount(in), in)
	}
}

// Every problem at once, in a stable order: errors before warnings.
func TestValidateReportsEverythingDeterministically(t *testing.T) {
	js := `[{"id":"start","type":"start","outcome":"x"},{"id":"s2","type":"start","outcome":"l"},` +
		`{"id":"l","type":"liveness_detection","outcomes":{"livenessDetected":"end"}},` +
		`{"id":"o","type":"two_factor_sms","otpLength":2,"outcomes":{"verified":"end","delivery_failed":"end","failed_unverified":"end","cancelled":"end","error":"end"}},` +
		`{"id":"end","type":"end"}]`
	f := fixtureFlow(t, js)
	first := Validate(f)
	for range 5 {
		assert.Equal(t, first, Validate(f))
	}
	codes := map[string]bool{}
	for _, p := range first {
		codes[p.Code] = true
	}
	for _, c := range []string{CodeMultipleStarts, CodeDanglingTarget, CodeMissingOutcome, CodeOTPLength, CodeUnreachable} {
		assert.True(t, codes[c], "missing %s in %v", c, first)
	}
	seenWarning := false
	for _, p := range first {
		if p.Severity == SeverityWarning {
			seenWarning = true
		} else {
			assert.False(t, seenWarning, "error after a warning: %v", first)
		}
	}
	checkProblemShape(t, f, first)
}

func TestValidateJSON(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join(sampleDir, "wire-transfer.json"))
	require.NoError(t, err)

	t.Run("wrappers", func(t *testing.T) {
		for _, key := range []string{"nodes", "flow"} {
			f, ps := ValidateJSON([]byte(`{"` + key + `": ` + string(valid) + `}`))
			assert.Len(t, f, 8)
			assert.Empty(t, ps)
		}
	})
	t.Run("decode error becomes one problem", func(t *testing.T) {
		for _, tt := range []struct{ in, path string }{
			{`[{"id":"a","type":"liveness_detection","outcomes":[]}]`, "/0/outcomes"},
			{`not json`, ""},
			{`[1]`, "/0"},
			{``, ""},
		} {
			f, ps := ValidateJSON([]byte(tt.in))
			assert.Nil(t, f)
			require.Len(t, ps, 1, tt.in)
			assert.Equal(t, wantProblem{SeverityError, CodeInvalidFlow, tt.path}, problemKeys(ps)[0], tt.in)
			assert.NotEmpty(t, ps[0].Message)
			assert.NotEmpty(t, ps[0].Fix)
		}
	})
}

// A 64-node flow with a duplicate id and an orphan: the first node of an id is the
// one targets resolve to, whatever the size.
func TestValidateLargeFlow(t *testing.T) {
	nodes := []string{fxStart("hi"), fxHello("q0")}
	const n = 60
	for i := range n {
		next := "q" + strconv.Itoa(i+1)
		if i == n-1 {
			next = "bye"
		}
		nodes = append(nodes, `{"id":"q`+strconv.Itoa(i)+`","type":"conversation","prompt":"Ask question `+strconv.Itoa(i)+`.","outcomes":[{"id":"a","targetNodeId":"`+next+`","condition":"answered"},{"id":"b","targetNodeId":"bye","condition":"refused"}]}`)
	}
	nodes = append(nodes, fxBye, fxEnd, `{"id":"q7","type":"end"}`, `{"id":"orphan","type":"end"}`)
	f := fixtureFlow(t, "["+strings.Join(nodes, ",")+"]")
	assert.Equal(t, []wantProblem{
		{SeverityError, CodeDuplicateID, "/" + strconv.Itoa(len(f)-2) + "/id"},
		{SeverityError, CodeUnreachable, "/" + strconv.Itoa(len(f)-1)},
	}, problemKeys(Validate(f)))
}

// Large hostile flows get the same answers as small ones, in time linear in their
// size: a chain written end first (the worst order for a forward fixpoint), many
// outcomes pointing nowhere, many duplicates and a very long list of outcomes.
func TestValidateHugeFlows(t *testing.T) {
	const n = 20000
	t.Run("chain written end first", func(t *testing.T) {
		f := make(Flow, 0, n+3)
		f = append(f, Node{ID: "end", Type: TypeEnd})
		for i := 0; i < n; i++ {
			next := "c" + strconv.Itoa(i-1)
			if i == 0 {
				next = "end"
			}
			f = append(f, Node{ID: "c" + strconv.Itoa(i), Type: TypeConversation, Prompt: "Say: one two three four five six seven eight nine ten eleven twelve.",
				DoesNotRequireReply: true, Outcomes: []Outcome{{ID: "n", Target: next}}})
		}
		f = append(f, Node{ID: "start", Type: TypeStart, Next: "c" + strconv.Itoa(n-1)})
		assert.Empty(t, Validate(f))
	})
	t.Run("typos and duplicates everywhere", func(t *testing.T) {
		f := Flow{{ID: "start", Type: TypeStart, Next: "c"}}
		for i := 0; i < n; i++ {
			f = append(f, Node{ID: "c", Type: TypeConversation, Prompt: "Ask.", Outcomes: []Outcome{{ID: "x", Target: strings.Repeat("y", 100) + strconv.Itoa(i)}}})
		}
		f = append(f, Node{ID: "end", Type: TypeEnd})
		ps := Validate(f)
		counts := map[string]int{}
		for _, p := range ps {
			counts[p.Code]++
		}
		assert.Equal(t, n-1, counts[CodeDuplicateID])
		assert.Equal(t, n, counts[CodeDanglingTarget])
		assert.Equal(t, 1, counts[CodeUnreachable], "only the end node; duplicates are reported as duplicates")
	})
	t.Run("a very long outcome list", func(t *testing.T) {
		outs := make([]Outcome, n)
		for i := range outs {
			outs[i] = Outcome{ID: "o" + strconv.Itoa(i%(n/2)), Target: "end"}
		}
		f := Flow{{ID: "start", Type: TypeStart, Next: "c"}, {ID: "c", Type: TypeConversation, Prompt: "Ask.", Outcomes: outs}, {ID: "end", Type: TypeEnd}}
		ps := Validate(f)
		require.Len(t, ps, n/2)
		assert.Equal(t, wantProblem{SeverityError, CodeDuplicateOutcomeID, "/1/outcomes/" + strconv.Itoa(n/2) + "/id"}, problemKeys(ps)[0])
		assert.Contains(t, ps[0].Message, "#0 and #"+strconv.Itoa(n/2))
	})
}

package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// The store's Faces and runner.MemoryFaces answer every probe alike: one rule
// (runner.Probe.Best) over the same faces in the same enrolment order.
func TestStoreFacesMatchLikeMemoryFaces(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	a := e.account(keyA)
	other := e.account(keyB)
	at := time.Now().Truncate(time.Second)
	enrolled := []facesign.Face{
		{ID: "face_ana1", Name: "Ana Ruiz", Email: "ana@a.test", Phone: "+1 415 555 0100", Company: "Initech", JobTitle: "CFO"},
		{ID: "face_ben", Name: "Ben Ode", Email: "Ben@B.test"},
		{ID: "face_ana2", Name: "Ana Ruiz", Email: "ana.r@c.test"},
		{ID: "face_cy", Name: "Çağla Yılmaz", Email: "cagla@d.test", Phone: "0049 30 1234567"},
		{ID: "face_dup", Name: "Ben Ode", Email: "ben@b.test"}, // same email, enrolled later
	}
	for i := range enrolled {
		enrolled[i].EnrolledAt = facesign.NewTime(at.Add(time.Duration(i) * time.Second))
		enrolled[i].SessionID = "ses_enrol" + enrolled[i].ID
	}
	mem := &runner.MemoryFaces{}
	mem.Enroll(enrolled...)
	require.NoError(t, e.sb.write(ctx, func(tx wtx) error {
		if err := e.sb.applyEffects(ctx, tx, a.id, "ses_x", runner.Effects{Enrolled: enrolled}); err != nil {
			return err
		}
		// Another account's face matches nothing here.
		return e.sb.applyEffects(ctx, tx, other.id, "ses_y", runner.Effects{Enrolled: []facesign.Face{{ID: "face_b", Name: "Zed", Email: "zed@z.test"}}})
	}))
	store := &storeFaces{q: e.sb.db.r, acct: a.id}

	for _, tc := range []struct {
		name  string
		probe runner.Probe
		want  string // "" = nobody
	}{
		{"nothing identifies nobody", runner.Probe{}, ""},
		{"face id", runner.Probe{Face: "face_ben"}, "face_ben"},
		{"face as an email, any case", runner.Probe{Face: "ANA@A.TEST"}, "face_ana1"},
		{"face as a phone, other formatting", runner.Probe{Face: "+1 (415) 555-0100"}, "face_ana1"},
		{"the named person alone decides", runner.Probe{Face: "stranger", Email: "ana@a.test"}, ""},
		{"the named person over the session's email", runner.Probe{Face: "Ben Ode", Email: "ana@a.test"}, "face_dup"},
		{"email before name", runner.Probe{Email: "ana@a.test", Name: "Ben Ode"}, "face_ana1"},
		{"email: the latest enrolment wins", runner.Probe{Email: "BEN@b.test"}, "face_dup"},
		{"phone by digits", runner.Probe{Phone: "+1-415-555-0100"}, "face_ana1"},
		{"phone with a different country code", runner.Probe{Phone: "(415) 555-0100"}, ""},
		{"name with extra spaces and case", runner.Probe{Name: "  ana   RUIZ "}, "face_ana2"},
		{"non-ASCII name without case", runner.Probe{Name: "çağla yılmaz"}, "face_cy"},
		{"unknown email falls back to the phone", runner.Probe{Email: "x@x.test", Phone: "0049301234567"}, "face_cy"},
		{"another account's face", runner.Probe{Email: "zed@z.test", Name: "Zed"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := mem.Match(ctx, tc.probe)
			require.NoError(t, err)
			got, err := store.Match(ctx, tc.probe)
			require.NoError(t, err)
			if tc.want == "" {
				assert.Nil(t, want, "memory")
				assert.Nil(t, got, "store")
				return
			}
			require.NotNil(t, want, "memory")
			require.NotNil(t, got, "store")
			assert.Equal(t, tc.want, want.ID, "memory")
			assert.Equal(t, *want, *got, "the store returns the same face, every field")
		})
	}
}

// Through the API: a face enrolled with a formatted phone is recognized by a
// later session that knows the same number written another way.
func TestRecognitionMatchesPhoneByDigits(t *testing.T) {
	e := newEnv(t, nil)
	enrol := e.create(keyA, map[string]any{"flow": json.RawMessage(simpleFlow),
		"providedData": map[string]any{"name": "Ana Ruiz", "email": "ana@a.test", "phone": "+1 415 555 0100"}})
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+enrol+"/simulate", keyA, `{}`).status)

	id := e.create(keyA, map[string]any{"flow": readFlow(t, "account-recovery.json")})
	r := e.do("POST", "/sessions/"+id+"/simulate", keyA, `{"inputs":{"phone":"+1-415-555-0100"}}`)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var sim facesign.SimulateResponse
	r.decode(t, &sim)
	var outcome string
	for _, p := range sim.Path {
		if p.Type == "recognition" {
			outcome = p.Outcome
		}
	}
	assert.Equal(t, "recognized", outcome, "path: %+v", sim.Path)
	require.NotNil(t, sim.Session.Report)
	for _, nr := range sim.Session.Report.NodeReports {
		if nr.Type == "recognition" {
			raw, _ := json.Marshal(nr.Report)
			assert.Contains(t, string(raw), "ana@a.test", "the report carries the enrolled profile")
		}
	}
}

// account resolves a key to its account, creating it as a request would.
func (e *env) account(key string) account {
	e.t.Helper()
	req, err := http.NewRequest("GET", "/", nil)
	require.NoError(e.t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	a, err := e.sb.authenticate(req)
	require.NoError(e.t, err)
	return a
}

// BenchmarkStoreFacesMatch is one recognition lookup in an account with 1,000
// enrolled faces: every face is read and handed to Probe.Best.
func BenchmarkStoreFacesMatch(b *testing.B) {
	e := newEnv(b, nil)
	ctx := context.Background()
	a := e.account(keyA)
	faces := make([]facesign.Face, 1000)
	for i := range faces {
		faces[i] = facesign.Face{ID: newID("face_"), Name: benchFirst[i%len(benchFirst)] + " " + benchLast[i%len(benchLast)],
			Email: newID("u") + "@example.com", Phone: "+1 415 555 " + time.Duration(i).String(), EnrolledAt: facesign.NewTime(time.Now())}
	}
	if err := e.sb.write(ctx, func(tx wtx) error {
		return e.sb.applyEffects(ctx, tx, a.id, "ses_bench", runner.Effects{Enrolled: faces})
	}); err != nil {
		b.Fatal(err)
	}
	store := &storeFaces{q: e.sb.db.r, acct: a.id}
	probe := runner.Probe{Email: faces[500].Email, Name: "Nobody Known"}
	b.ResetTimer()
	for range b.N {
		f, err := store.Match(ctx, probe)
		if err != nil || f == nil || f.ID != faces[500].ID {
			b.Fatalf("match: %v %v", f, err)
		}
	}
}

// The keys narrow, Probe.Best decides: whenever Best finds two values equal,
// their keys must be equal too, or the store would never show Best that face.
// Variants of case, spacing (tabs, newlines, no-break spaces) and formatting
// hold the keys to the runner's rule as it stands.
func TestFaceKeysNeverHideAMatch(t *testing.T) {
	texts := []string{"Ana Ruiz", "ana ruiz", "  ANA\tRUIZ ", "Ana\u00a0Ruiz", "AnaRuiz", "Ana  Ruiz\n", "Çağla Yılmaz", "ÇAĞLA YILMAZ",
		"\u212aelvin Smith", "kelvin smith", "ANA@A.TEST", "ana@a.test", " ana@a.test ", "Straße", "STRASSE", "İlker", "i̇lker", ""}
	phones := []string{"+1 415 555 0100", "+14155550100", "1-415-555-0100", "(415) 555-0100", "+1 (415) 555.0100", "0049 30 1234567",
		"+49 30 1234567", "004930 1234567", "555-0100", "ana@a.test", "+1 415 555 0100 ext 2", ""}
	for _, a := range texts {
		for _, b := range texts {
			face := []facesign.Face{{ID: "f", Name: b, Email: b}}
			if (runner.Probe{Name: a}).Best(face) != nil || (runner.Probe{Email: a}).Best(face) != nil {
				assert.Equal(t, textKey(b), textKey(a), "%q matches %q", a, b)
			}
			if (runner.Probe{Face: a}).Best(face) != nil {
				assert.Equal(t, textKey(b), textKey(a), "face %q matches %q", a, b)
			}
		}
	}
	for _, a := range phones {
		for _, b := range phones {
			face := []facesign.Face{{ID: "f", Phone: b}}
			if (runner.Probe{Phone: a}).Best(face) != nil || (runner.Probe{Face: a}).Best(face) != nil {
				assert.Equal(t, phoneKey(b), phoneKey(a), "%q matches %q", a, b)
			}
		}
	}
	assert.NotNil(t, (runner.Probe{Name: "ana  RUIZ"}).Best([]facesign.Face{{Name: "Ana Ruiz"}}), "the corpus exercises real matches")
}

// Faces stored before migration 4 have no keys; opening the sandbox computes
// them, so recognition still finds those faces.
func TestFacesStoredBeforeKeysAreKeyedOnOpen(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	a := e.account(keyA)
	require.NoError(t, e.sb.write(ctx, func(tx wtx) error {
		return e.sb.applyEffects(ctx, tx, a.id, "ses_old", runner.Effects{Enrolled: []facesign.Face{
			{ID: "face_old", Name: "Old Timer", Email: "old@a.test", Phone: "+1 415 555 0199"}}})
	}))
	require.NoError(t, e.sb.write(ctx, func(tx wtx) error {
		_, err := tx.ExecContext(ctx, `UPDATE faces SET email_key = NULL, name_key = NULL, phone_key = NULL`)
		return err
	}))
	store := &storeFaces{q: e.sb.db.r, acct: a.id}
	f, err := store.Match(ctx, runner.Probe{Email: "old@a.test"})
	require.NoError(t, err)
	require.Nil(t, f, "unkeyed, the face is invisible to the lookup")

	e.restart()
	store = &storeFaces{q: e.sb.db.r, acct: a.id}
	for _, p := range []runner.Probe{{Email: "OLD@a.test"}, {Name: "old timer"}, {Phone: "14155550199"}, {Face: "face_old"}} {
		f, err := store.Match(ctx, p)
		require.NoError(t, err)
		require.NotNil(t, f, "%+v", p)
		assert.Equal(t, "face_old", f.ID)
	}
}

package runner

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

func TestProbeBest(t *testing.T) {
	faces := []facesign.Face{
		{ID: "face_1", Name: "Ana Ruiz", Email: "ana@a.test", Phone: "+1 415 555 0100"},
		{ID: "face_2", Name: "Ben Ode", Email: "ben@b.test"},
		{ID: "face_3", Name: "Ana Ruiz", Email: "ana.r@c.test"},
	}
	tests := []struct {
		name  string
		probe Probe
		want  string
	}{
		{"nothing identifies nobody", Probe{}, ""},
		{"face id", Probe{Face: "face_2"}, "face_2"},
		{"face as email", Probe{Face: "BEN@b.test"}, "face_2"},
		{"face as phone digits", Probe{Face: "14155550100"}, "face_1"},
		{"face decides alone", Probe{Face: "stranger", Email: "ana@a.test"}, ""},
		{"email before name", Probe{Email: "ana@a.test", Name: "Ben Ode"}, "face_1"},
		{"phone", Probe{Phone: "(415) 555-0100"}, ""}, // 10 digits vs 11: a different number
		{"phone with country code", Probe{Phone: "+1-415-555-0100"}, "face_1"},
		{"name: the latest enrolment wins", Probe{Name: "ana  ruiz"}, "face_3"},
		{"unknown email falls back to the name", Probe{Email: "x@x.test", Name: "Ben Ode"}, "face_2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.probe.Best(faces)
			if tt.want == "" {
				assert.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tt.want, got.ID)
		})
	}
}

type failingFaces struct{}

func (failingFaces) Match(context.Context, Probe) (*facesign.Face, error) {
	return nil, errors.New("database is locked")
}

func TestFacesErrorStopsTheRun(t *testing.T) {
	e := New(Config{Faces: failingFaces{}})
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "account-recovery")})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Face: "someone"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "matching enrolled faces: database is locked")
	assert.Equal(t, facesign.StatusRequiresInput, st.Status)
}

func TestFaceCompareSources(t *testing.T) {
	flow := func(a, b string) string {
		return `[{"id":"s","type":"start","outcome":"c"},
			{"id":"c","type":"face_compare","sourceA":` + a + `,"sourceB":` + b + `,"similarityThreshold":0.9,
			 "outcomes":{"match":"e","noMatch":"e","imageUnavailable":"e"}},
			{"id":"e","type":"end"}]`
	}
	const video, scan, doc = `{"source":"sessionVideo"}`, `{"source":"faceScan"}`, `{"source":"documentPhoto"}`
	photo := `{"source":"providedData","providedDataKey":"photoUrl"}`
	tests := []struct {
		name     string
		a, b     string
		provided map[string]any
		inputs   Inputs
		outcome  string
	}{
		{"video against a provided photo", video, photo, map[string]any{"photoUrl": "https://x.test/p.jpg"}, Inputs{}, "match"},
		{"provided photo missing", video, photo, nil, Inputs{}, "imageUnavailable"},
		{"no face scan yet", video, scan, nil, Inputs{}, "imageUnavailable"},
		{"no document yet", doc, video, nil, Inputs{}, "imageUnavailable"},
		{"below the node's threshold", video, photo, map[string]any{"photoUrl": "p"}, Inputs{FaceSimilarity: ptr(0.85)}, "noMatch"},
		{"at the threshold", video, photo, map[string]any{"photoUrl": "p"}, Inputs{FaceSimilarity: ptr(0.9)}, "match"},
		{"unknown source", `{"source":"hologram"}`, video, nil, Inputs{}, "imageUnavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(1, nil)
			st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, flow(tt.a, tt.b)), ProvidedData: tt.provided})
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, SimulateInput{Inputs: tt.inputs})
			require.NoError(t, err)
			assert.Equal(t, tt.outcome, res.Path[1].Outcome)
			assert.Equal(t, tt.outcome == "match", st.NodeReports[0].Report["isMatch"])
		})
	}
}

func TestFaceScanLivenessChallenge(t *testing.T) {
	flow := `[{"id":"s","type":"start","outcome":"f"},
		{"id":"f","type":"face_scan","requireLivenessChallenge":true,"outcomes":{"passed":"c","notPassed":"e","cancelled":"e","error":"e"}},
		{"id":"c","type":"face_compare","sourceA":{"source":"faceScan"},"sourceB":{"source":"sessionVideo"},"outcomes":{"match":"e","noMatch":"e","imageUnavailable":"e"}},
		{"id":"e","type":"end"}]`
	tests := []struct {
		name     string
		inputs   Inputs
		path     []string
		liveness bool
	}{
		{"challenge passed, then the scan compares", Inputs{}, []string{"s", "f:passed", "c:match", "e"}, true},
		{"challenge failed", Inputs{LivenessChallenge: ptr(false)}, []string{"s", "f:notPassed", "e"}, false},
		{"forced cancel", Inputs{FaceScan: "cancelled"}, []string{"s", "f:cancelled", "e"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(1, nil)
			st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, flow)})
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, SimulateInput{Inputs: tt.inputs})
			require.NoError(t, err)
			assert.Equal(t, tt.path, pathIDs(res.Path))
			assert.Equal(t, tt.liveness, st.NodeReports[0].Report["livenessChallengePassed"])
			assert.Equal(t, tt.liveness, *st.Report().LivenessDetected)
			cmp, ok := st.NodeReports[0].Report["compareFacesReport"].(map[string]any)
			require.True(t, ok)
			assert.Equal(t, 0.93, cmp["similarity"])
		})
	}
}

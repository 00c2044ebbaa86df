package flow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fixtureSample(t testing.TB, name string) Flow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleDir, name))
	require.NoError(t, err)
	f, err := Decode(data)
	require.NoError(t, err)
	return f
}

// pathString renders a path as "start -outcome-> a -x-> end" for readable tables.
func fxPathString(steps []PathStep) string {
	var b strings.Builder
	for _, s := range steps {
		b.WriteString(s.NodeID)
		if s.Outcome != "" {
			b.WriteString(" -" + s.Outcome + "-> ")
		}
	}
	return b.String()
}

func fxPathStrings(ps [][]PathStep) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fxPathString(p)
	}
	return out
}

func TestSuccessPathSamples(t *testing.T) {
	tests := map[string][]string{
		"wire-transfer.json":    {"start", "intro", "liveness", "confirm_transfer", "otp", "done", "end"},
		"account-recovery.json": {"start", "welcome", "match_face", "live_known", "ask_email", "send_code", "goodbye", "finish"},
		"onboarding.json":       {"start", "access", "hello", "id_doc", "selfie", "same_person", "alive", "adult", "welcome_done", "end"},
	}
	for file, want := range tests {
		t.Run(file, func(t *testing.T) {
			got, err := SuccessPath(fixtureSample(t, file))
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestSuccessPathFollowsCatalogueSuccessOutcome(t *testing.T) {
	// Outcomes listed in a non-canonical order: the success path still takes the
	// catalogue's success outcome of a map type, but the first list outcome.
	f := fixtureFlow(t, `[`+fxStart("c")+`,
	 {"id":"c","type":"conversation","prompt":"Ask.","outcomes":[{"id":"second","targetNodeId":"l","condition":"a"},{"id":"first","targetNodeId":"bye","condition":"b"}]},
	 {"id":"l","type":"liveness_detection","outcomes":{"noFace":"bye","deepfakeDetected":"bye","livenessDetected":"v"}},
	 {"id":"v","type":"data_validation","validation":{"field":"x","action":"equals","value":"y"},"outcomes":[{"id":"ok","targetNodeId":"e","condition":""}]},
	 {"id":"e","type":"enter_email","prompt":"Email?","outcomes":{"canceled":"bye","emailEntered":"bye"}},`+fxBye+`,`+fxEnd+`]`)
	got, err := SuccessPath(f)
	require.NoError(t, err)
	assert.Equal(t, []string{"start", "c", "l", "v", "e", "bye", "end"}, got)

	for _, info := range Catalog() {
		if info.Shape == ShapeMap {
			assert.Equal(t, info.Outcomes[0], info.SuccessOutcome(), info.Type)
		} else {
			assert.Empty(t, info.SuccessOutcome(), info.Type)
		}
	}
}

func TestSuccessPathErrors(t *testing.T) {
	tests := []struct {
		name, flow string
		msg        []string
		// prefix is what the walk got through: every node up to the one it stopped at.
		prefix []string
	}{
		{"no start", `[` + fxEnd + `]`, []string{"no start"}, nil},
		{"start without outcome", `[{"id":"s","type":"start"},` + fxEnd + `]`, []string{`"s"`, "no outcome"}, []string{"s"}},
		{"loop", `[` + fxStart("a") + `,{"id":"a","type":"conversation","prompt":"Say: a","outcomes":[{"id":"x","targetNodeId":"b","condition":""}]},{"id":"b","type":"conversation","prompt":"Say: b","outcomes":[{"id":"y","targetNodeId":"a","condition":""},{"id":"z","targetNodeId":"end","condition":""}]},` + fxEnd + `]`,
			[]string{"loops", "start → a → b → a"}, []string{"start", "a", "b"}},
		{"missing target", `[` + fxStart("l") + `,` + fxLiveness("l", "gone", "end") + `,` + fxEnd + `]`, []string{`"livenessDetected"`, `"l"`, `"gone"`}, []string{"start", "l"}},
		{"missing success outcome", `[` + fxStart("l") + `,{"id":"l","type":"liveness_detection","outcomes":{"noFace":"end"}},` + fxEnd + `]`, []string{`"livenessDetected"`, `"l"`}, []string{"start", "l"}},
		{"empty list", `[` + fxStart("c") + `,{"id":"c","type":"conversation","prompt":"x","outcomes":[]},` + fxEnd + `]`, []string{`"c"`, "no outcomes"}, []string{"start", "c"}},
		{"unknown type", `[` + fxStart("x") + `,{"id":"x","type":"retina","outcomes":{"ok":"end"}},` + fxEnd + `]`, []string{`"x"`, `"retina"`}, []string{"start", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SuccessPath(fixtureFlow(t, tt.flow))
			require.Error(t, err)
			assert.Equal(t, tt.prefix, got, "the walked prefix comes with the error")
			for _, m := range tt.msg {
				assert.Contains(t, err.Error(), m)
			}
		})
	}
}

func TestAllPaths(t *testing.T) {
	t.Run("every outcome of a sample", func(t *testing.T) {
		ps, err := AllPaths(fixtureSample(t, "wire-transfer.json"), 0, 0)
		require.NoError(t, err)
		assert.False(t, ps.Truncated)
		assert.Empty(t, ps.Cycles)
		assert.Empty(t, ps.DeadEnds)
		// liveness has 4 outcomes into confirm_transfer, which has 2; otp has 5.
		assert.Len(t, ps.Complete, 4*(5+1))
		assert.Equal(t, "start -outcome-> intro -next-> liveness -livenessDetected-> confirm_transfer -confirmed-> otp -verified-> done -ok-> end",
			fxPathString(ps.Complete[0]))
		for _, p := range ps.Complete {
			assert.Equal(t, TypeStart, p[0].Type)
			assert.Equal(t, TypeEnd, p[len(p)-1].Type)
			assert.Empty(t, p[len(p)-1].Outcome)
		}
	})
	t.Run("cycles are reported, not followed", func(t *testing.T) {
		f := fixtureFlow(t, `[`+fxStart("a")+`,
		 {"id":"a","type":"conversation","prompt":"Ask.","outcomes":[{"id":"again","targetNodeId":"a","condition":"unclear"},{"id":"b","targetNodeId":"b","condition":"ok"}]},
		 {"id":"b","type":"conversation","prompt":"Ask.","outcomes":[{"id":"back","targetNodeId":"a","condition":"x"},{"id":"done","targetNodeId":"end","condition":"y"}]},`+fxEnd+`]`)
		ps, err := AllPaths(f, 0, 0)
		require.NoError(t, err)
		assert.Equal(t, []string{"start -outcome-> a -b-> b -done-> end"}, fxPathStrings(ps.Complete))
		assert.Equal(t, []string{"start -outcome-> a -again-> a", "start -outcome-> a -b-> b -back-> a"}, fxPathStrings(ps.Cycles))
		assert.False(t, ps.Truncated)
	})
	t.Run("dead ends", func(t *testing.T) {
		f := fixtureFlow(t, `[{"id":"s","type":"start","outcome":"c"},
		 {"id":"c","type":"conversation","prompt":"Ask.","outcomes":[{"id":"x","targetNodeId":"nowhere","condition":"a"},{"id":"y","targetNodeId":"stuck","condition":"b"}]},
		 {"id":"stuck","type":"recognition"}]`)
		ps, err := AllPaths(f, 0, 0)
		require.NoError(t, err)
		assert.Empty(t, ps.Complete)
		assert.Equal(t, []string{"s -outcome-> c -x-> ", "s -outcome-> c -y-> stuck"}, fxPathStrings(ps.DeadEnds))
	})
	t.Run("limits", func(t *testing.T) {
		f := fixtureSample(t, "wire-transfer.json")
		ps, err := AllPaths(f, 3, 0)
		require.NoError(t, err)
		assert.Len(t, ps.Complete, 3)
		assert.True(t, ps.Truncated)

		ps, err = AllPaths(f, 0, 4)
		require.NoError(t, err)
		assert.Empty(t, ps.Complete, "no path reaches an end within 4 steps")
		assert.True(t, ps.Truncated)
	})
	t.Run("no start", func(t *testing.T) {
		_, err := AllPaths(fixtureFlow(t, `[`+fxEnd+`]`), 0, 0)
		assert.ErrorIs(t, err, ErrNoStart)
	})
	t.Run("many branches stay bounded", func(t *testing.T) {
		// 16 liveness nodes in a row, each with 3 outcomes to the next: 3^16 paths.
		nodes := []string{fxStart("l0")}
		for i := range 16 {
			next := "l" + strconv.Itoa(i+1)
			if i == 15 {
				next = "end"
			}
			nodes = append(nodes, fxLiveness("l"+strconv.Itoa(i), next, next))
		}
		nodes = append(nodes, fxEnd)
		ps, err := AllPaths(fixtureFlow(t, "["+strings.Join(nodes, ",")+"]"), 500, 0)
		require.NoError(t, err)
		assert.Len(t, ps.Complete, 500)
		assert.True(t, ps.Truncated)
	})
	t.Run("encodes as JSON", func(t *testing.T) {
		ps, err := AllPaths(fixtureFlow(t, `[`+fxStart("end")+`,`+fxEnd+`]`), 0, 0)
		require.NoError(t, err)
		data, err := json.Marshal(ps)
		require.NoError(t, err)
		assert.JSONEq(t, `{"complete":[[{"nodeId":"start","type":"start","outcome":"outcome"},{"nodeId":"end","type":"end"}]],"cycles":null,"deadEnds":null,"truncated":false}`, string(data))
	})
}

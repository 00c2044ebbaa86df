package runner

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// FuzzRunFlow runs any document that decodes as a flow, with any inputs, and
// requires a clean answer: a finished session, or one of the engine's errors.
// A panic, or a session left half-way without an error, fails.
func FuzzRunFlow(f *testing.F) {
	for _, dir := range []string{flowsDir, filepath.Join(flowsDir, "invalid"), filepath.Join(flowsDir, "warn")} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data, []byte(`{}`), "")
			}
		}
	}
	f.Add([]byte(smsFlow), []byte(`{"otpCodes":["1","2"],"otpDelaySeconds":30}`), "otp")
	f.Add([]byte(`[{"id":"s","type":"start","outcome":"v"},{"id":"v","type":"data_validation","validation":{"field":"dob","action":"olderThan","value":"18"},"outcomes":[]},{"id":"e","type":"end"}]`), []byte(`{}`), "v")
	f.Fuzz(func(t *testing.T, flowJSON, inputsJSON []byte, forcedNode string) {
		fl, err := flow.Decode(flowJSON)
		if err != nil {
			return
		}
		// The inputs arrive as the sandbox hands them over: a JSON object decoded into a map.
		var raw map[string]any
		in := Inputs{}
		if json.Unmarshal(inputsJSON, &raw) == nil {
			if parsed, err := ParseInputs(raw); err == nil {
				in = parsed
			}
		}
		e := New(Config{MaxSteps: 200, Faces: &MemoryFaces{}, Now: func() time.Time { return time.Unix(1_750_000_000, 0) }})
		st, _, err := e.Start("sess_fuzz", facesign.Settings{Flow: fl, ProvidedData: map[string]any{"email": "a@b.test"}})
		if err != nil {
			if !errors.Is(err, ErrBadFlow) {
				t.Fatalf("Start: unexpected error %v", err)
			}
			return
		}
		sim := SimulateInput{Inputs: in}
		if n := fl.Node(forcedNode); n != nil && len(n.Outcomes) > 0 {
			sim.Outcomes = map[string]string{forcedNode: n.Outcomes[len(n.Outcomes)-1].ID}
		}
		_, err = e.Run(context.Background(), st, sim)
		if err != nil {
			if !errors.Is(err, ErrBadFlow) && !errors.Is(err, ErrBadInput) && !errors.Is(err, ErrStepLimit) {
				t.Fatalf("Run: unexpected error %v", err)
			}
			return
		}
		if st.Status != facesign.StatusComplete {
			t.Fatalf("Run returned without error, status %s", st.Status)
		}
		if _, err := json.Marshal(st.Report()); err != nil {
			t.Fatalf("report does not encode: %v", err)
		}
	})
}

// FuzzEvaluate: any rule on any value gives a verdict, never a panic.
func FuzzEvaluate(f *testing.F) {
	f.Add("dateOfBirth", "olderThan", "18", "2000-02-29")
	f.Add("email", "equals", "matches the one on file", "A@B.test")
	f.Add("x", "matches", "/^(a+)+$/i", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")
	f.Add("d", "youngerThan", "999", "31/12/9999")
	f.Fuzz(func(t *testing.T, field, action, value, actual string) {
		lookup := func(k string) (string, bool) {
			if k == field || k == "providedData."+field {
				return actual, true
			}
			return "", false
		}
		v := Evaluate(flow.Validation{Field: field, Action: action, Value: value}, lookup, time.Unix(1_750_000_000, 0))
		if !v.Pass && v.Reason == "" {
			t.Fatalf("a failed rule must say why: %q %q %q on %q", field, action, value, actual)
		}
	})
}

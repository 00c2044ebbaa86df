package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// runCmd runs the binary's command line in-process.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, streams{in: strings.NewReader(stdin), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

const validFlow = `[{"id":"start","type":"start","outcome":"hi"},
{"id":"hi","type":"conversation","prompt":"Say: Hello, thanks for joining. I need a quick check that it's really you, so please look at the camera.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"live","condition":""}]},
{"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"bye","deepfakeDetected":"bye","noFace":"bye"}},
{"id":"bye","type":"conversation","prompt":"Say: Thanks, you're done.","doesNotRequireReply":true,"outcomes":[{"id":"b","targetNodeId":"end","condition":""}]},
{"id":"end","type":"end"}]`

const danglingFlow = `[{"id":"start","type":"start","outcome":"nowhere"},{"id":"end","type":"end"}]`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

func TestFlowCommands(t *testing.T) {
	valid := writeFile(t, "valid.json", validFlow)
	dangling := writeFile(t, "dangling.json", danglingFlow)
	// flowbuild/flow's copy of the contract's sample (kept equal to ../shared/flows by its tests).
	warn := "../../flowbuild/flow/testdata/flows/warn/recognition-without-liveness.json"
	notJSON := writeFile(t, "bad.json", `[{"id": "start",`)
	missing := filepath.Join(t.TempDir(), "missing.json")

	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		out      []string // substrings of stdout
		errLine  string   // substring of the one-line stderr; "" means stderr is empty
		jsonKeys []string // stdout is a JSON object with exactly these keys
	}{
		{name: "build text", args: []string{"flow", "build", "liveness", "check,", "then", "an", "email", "code"}, code: 0,
			out: []string{"checks liveness", "Questions:", "[on_failure]", "Assumptions:", "flowchart TD", "two_factor_email"}},
		{name: "build json", args: []string{"flow", "build", "--json", "Liveness check then SMS code."}, code: 0,
			jsonKeys: []string{"assumptions", "flow", "mermaid", "questions", "summary", "warnings"}},
		{name: "build answers", args: []string{"flow", "build", "--avatar", "anna", "--langs", "en,es", "--on-failure", "offer retry", "liveness check"}, code: 0,
			out: []string{"try it again"}},
		{name: "build empty", args: []string{"flow", "build"}, code: 2, errLine: "describe the flow"},
		{name: "build blank", args: []string{"flow", "build", "  "}, code: 2, errLine: "describe the flow"},
		{name: "build no steps", args: []string{"flow", "build", "the weather is nice"}, code: 1, errLine: "no verification step"},
		{name: "build help", args: []string{"flow", "build", "--help"}, code: 0, out: []string{"Usage: facesign-mcp flow build", "--base"}},
		{name: "build bad flag", args: []string{"flow", "build", "--nope", "x"}, code: 2, errLine: "flag provided but not defined"},
		{name: "build list text", args: []string{"flow", "build", "--json", "- liveness\n- SMS code"}, code: 0, out: []string{`"two_factor_sms"`}},
		{name: "edit file", args: []string{"flow", "build", "--json", "--base", valid, "add an SMS code after the liveness check"}, code: 0,
			out: []string{`"two_factor_sms"`, `"id": "hi"`, `"id": "bye"`}, jsonKeys: []string{"assumptions", "flow", "mermaid", "questions", "summary", "warnings"}},
		{name: "edit stdin", stdin: validFlow, args: []string{"flow", "build", "--base", "-", "remove the liveness check"}, code: 0, out: []string{"Changed: removed the liveness check"}},
		{name: "edit missing file", args: []string{"flow", "build", "--base", missing, "add liveness"}, code: 1, errLine: "cannot read"},
		{name: "edit invalid json", args: []string{"flow", "build", "--base", notJSON, "add liveness"}, code: 1, errLine: "invalid JSON"},
		{name: "edit no change", args: []string{"flow", "build", "--base", valid}, code: 2, errLine: "describe the change"},
		{name: "edit nothing to remove", args: []string{"flow", "build", "--base", valid, "remove the passport scan"}, code: 1, errLine: "no ID document scan to remove"},
		{name: "validate valid", args: []string{"flow", "validate", valid}, code: 0, out: []string{"valid, no problems"}},
		{name: "validate stdin", stdin: validFlow, args: []string{"flow", "validate", "-"}, code: 0, out: []string{"stdin: valid"}},
		{name: "validate error", args: []string{"flow", "validate", dangling}, code: 1, out: []string{"error", "/0", "fix:", "invalid"}},
		{name: "validate warnings only", args: []string{"flow", "validate", warn}, code: 0, out: []string{"warning", "fix:"}},
		{name: "validate json", args: []string{"flow", "validate", "--json", dangling}, code: 1, jsonKeys: []string{"errors", "problems", "valid", "warnings"}},
		{name: "validate not json", args: []string{"flow", "validate", notJSON}, code: 1, out: []string{"invalid_flow"}},
		{name: "validate missing", args: []string{"flow", "validate", missing}, code: 2, errLine: "cannot read"},
		{name: "validate no file", args: []string{"flow", "validate"}, code: 2, errLine: "exactly one flow file"},
		{name: "validate help", args: []string{"flow", "validate", "--help"}, code: 0, out: []string{"Usage: facesign-mcp flow validate"}},
		{name: "schema", args: []string{"flow", "schema"}, code: 0, out: []string{`"liveness_detection"`, "$schema"}},
		{name: "schema help", args: []string{"flow", "schema", "--help"}, code: 0, out: []string{"Usage: facesign-mcp flow schema"}},
		{name: "schema extra arg", args: []string{"flow", "schema", "x"}, code: 2, errLine: "unexpected argument"},
		{name: "no subcommand", args: []string{"flow"}, code: 2, errLine: "Usage: facesign-mcp flow"},
		{name: "unknown subcommand", args: []string{"flow", "draw"}, code: 2, errLine: `unknown subcommand "draw"`},
		{name: "flow help", args: []string{"flow", "--help"}, code: 0, out: []string{"build [--json]", "validate", "schema"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out, errOut)
			for _, s := range tt.out {
				assert.Contains(t, out, s)
			}
			if tt.errLine == "" {
				assert.Empty(t, errOut)
			} else {
				assert.Contains(t, errOut, tt.errLine)
				assert.NotContains(t, errOut, "goroutine", "no stack trace")
				if tt.code != 2 || !strings.Contains(tt.errLine, "Usage") {
					assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one line: %q", errOut)
				}
			}
			if tt.jsonKeys != nil {
				var m map[string]json.RawMessage
				require.NoError(t, json.Unmarshal([]byte(out), &m))
				keys := make([]string, 0, len(m))
				for k := range m {
					keys = append(keys, k)
				}
				assert.ElementsMatch(t, tt.jsonKeys, keys)
			}
		})
	}
}

// TestFlowBuildJSONRoundTrip: build --json output is itself a valid --base for an edit,
// and the flow in it passes validation.
func TestFlowBuildJSONRoundTrip(t *testing.T) {
	code, out, errOut := runCmd(t, "", "flow", "build", "--json", "Scan ID, face compare, liveness, email OTP.")
	require.Equal(t, 0, code, errOut)
	f, err := flow.Decode([]byte(out))
	require.NoError(t, err)
	assert.Empty(t, flow.Errors(flow.Validate(f)))

	base := writeFile(t, "base.json", out)
	code, out2, errOut := runCmd(t, "", "flow", "build", "--json", "--base", base, "Remove the email OTP.")
	require.Equal(t, 0, code, errOut)
	var res struct {
		Flow    flow.Flow `json:"flow"`
		Summary string    `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(out2), &res))
	for _, n := range res.Flow {
		assert.NotEqual(t, flow.TypeTwoFactorEmail, n.Type)
	}
	assert.Contains(t, res.Summary, "removed the email one-time code")

	code, out3, _ := runCmd(t, out2, "flow", "validate", "-")
	assert.Equal(t, 0, code, out3)
}

// --avatar and --langs are ids taken as given and kept in --json output, as
// settings; what the text itself named stays beside them, as named.
func TestFlowBuildKeepsAvatarAndLangs(t *testing.T) {
	desc := "Use the avatar Sofia, in Spanish and English. Liveness check, then an email code."
	decode := func(out string) buildOutput {
		var b buildOutput
		require.NoError(t, json.Unmarshal([]byte(out), &b), out)
		return b
	}
	code, out, errOut := runCmd(t, "", "flow", "build", "--json", "--avatar", "avatar_kenji", "--langs", "fr, de", desc)
	require.Equal(t, 0, code, errOut)
	b := decode(out)
	require.NotNil(t, b.Settings)
	assert.Equal(t, cliSettings{Avatar: "avatar_kenji", Langs: []string{"fr", "de"}}, *b.Settings)
	require.NotNil(t, b.Named)
	assert.Equal(t, cliSettings{Avatar: "Sofia", Langs: []string{"es", "en"}}, *b.Named)

	code, out, _ = runCmd(t, "", "flow", "build", "--json", desc)
	require.Equal(t, 0, code)
	b = decode(out)
	assert.Nil(t, b.Settings, "no flag, no ids: a name is not an id")
	require.NotNil(t, b.Named)
	assert.Equal(t, "Sofia", b.Named.Avatar)

	code, out, _ = runCmd(t, "", "flow", "build", desc)
	require.Equal(t, 0, code)
	assert.Contains(t, out, `the text names the avatar "Sofia"`)
}

// flow validate reports a repeated key: the file says two things, and only
// the last would count.
func TestFlowValidateRefusesARepeatedKey(t *testing.T) {
	f := strings.Replace(validFlow, `"type":"end"`, `"type":"end","type":"start"`, 1)
	require.NotEqual(t, validFlow, f, "the fixture has an end node to repeat a key of")
	code, out, _ := runCmd(t, f, "flow", "validate", "-")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "appears twice")
}

package tools

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateInputCorpus = flag.Bool("update-input-corpus", false, "rewrite testdata/input-corpus.json from the current validation")

// inputCase is one tool call's arguments and what validation made of them:
// "ok", or the message the model is shown.
type inputCase struct {
	Tool   string          `json:"tool"`
	Args   json.RawMessage `json:"args"`
	Result string          `json:"result"`
	// Wire is the answer when mcp-go has decoded the arguments already
	// (numbers as float64), where it differs.
	Wire string `json:"wire,omitempty"`
}

// inputCorpusArgs are arguments for every tool, valid and not: every keyword
// each schema uses, nulls, nesting, numbers in every spelling.
func inputCorpusArgs() map[string][]string {
	long := func(n int) string { return strings.Repeat("x", n) }
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	nodes := func(n int) string {
		items := make([]string, n)
		for i := range items {
			items[i] = `{"id":"n","type":"end"}`
		}
		return "[" + strings.Join(items, ",") + "]"
	}
	entries := func(n int) string {
		items := make([]string, n)
		for i := range items {
			items[i] = q("k"+strings.Repeat("x", i)) + `:"v"`
		}
		return "{" + strings.Join(items, ",") + "}"
	}
	common := []string{`null`, `{}`, `[]`, `"x"`, `{"zzz":1}`}
	return map[string][]string{
		"set_api_key": append(common,
			`{"apiKey":"sk_test_aaaaaaaaaaaaaaaa0001"}`, `{"apiKey":""}`, `{"apiKey":12345}`, `{"apiKey":null}`,
			`{"apiKey":`+q("sk_test_"+long(300))+`}`, `{"apiKey":"sk_test_a","serverUrl":"https://x.example"}`,
			`{"apiKey":"sk_test_a","serverUrl":null}`, `{"apiKey":"sk_test_a","serverUrl":`+q("https://x/"+long(3000))+`}`,
			`{"apiKey":"sk_test_a","api_key":"x"}`, `{"api_key":"x"}`, `{"apiKey":["sk_test_a"]}`),
		"build_flow": append(common,
			`{"description":"liveness then email code"}`, `{"description":["liveness"]}`, `{"description":`+q(long(4001))+`}`,
			`{"description":`+q(long(4000))+`}`, `{"change":`+q(long(2001))+`}`, `{"change":"add sms"}`,
			`{"flow":"[]"}`, `{"flow":[]}`, `{"flow":[1]}`, `{"flow":[{"id":"a"}]}`, `{"flow":`+nodes(200)+`}`, `{"flow":`+nodes(201)+`}`,
			`{"descripton":"x"}`, `{"description":null,"change":null,"flow":null}`, `{"description":true}`),
		"validate_flow": append(common,
			`{"flow":[]}`, `{"flow":{"nodes":1}}`, `{"flow":["start"]}`, `{"flow":`+nodes(201)+`}`, `{"flows":[]}`, `{"flow":null}`,
			`{"flow":[{"id":"s","type":"start","outcome":"e"},{"id":"e","type":"end"}]}`),
		"get_session": append(common,
			`{"sessionId":"sess_1"}`, `{"sessionId":42}`, `{"sessionId":""}`, `{"sessionId":`+q(long(129))+`}`,
			`{"sessionId":`+q(long(128))+`}`, `{"session_id":"s"}`, `{"sessionId":null}`, `{"sessionId":"s","x":null}`),
		"list_sessions": append(common,
			`{"limit":5}`, `{"limit":"ten"}`, `{"limit":2.5}`, `{"limit":2.0}`, `{"limit":1e3}`, `{"limit":-0}`, `{"limit":0}`,
			`{"limit":100}`, `{"limit":101}`, `{"limit":null}`,
			`{"status":"complete"}`, `{"status":["done"]}`, `{"status":["complete","nope"]}`, `{"status":["complete","complete"]}`,
			`{"status":["requiresInput","processing","complete","canceled"]}`, `{"status":[]}`, `{"status":[1]}`,
			`{"search":1}`, `{"search":`+q(long(201))+`}`, `{"cursor":`+q(long(1025))+`}`, `{"sortBy":"name"}`, `{"sortBy":"finishedAt"}`,
			`{"sortOrder":"up"}`, `{"sortOrder":"asc"}`, `{"includeTotal":"yes"}`, `{"includeTotal":true}`, `{"fromDate":1700000000}`,
			`{"fromDate":"2026-01-01"}`, `{"toDate":`+q(long(41))+`}`, `{"clientReferenceId":`+q(long(257))+`}`, `{"flowId":"f1"}`,
			`{"page":2}`, `{"pgae":1,"limit":"x"}`),
		"simulate_session": append(common,
			`{"outcomes":{"liveness":"deepfakeDetected"}}`, `{"outcomes":["liveness"]}`, `{"outcomes":{"liveness":true}}`,
			`{"outcomes":`+entries(201)+`}`, `{"outcomes":`+entries(200)+`}`, `{"replies":{"ask":`+q(long(2001))+`}}`,
			`{"replies":{"ask":"yes"}}`, `{"sessionId":7}`, `{"sessionId":"s"}`, `{"inputs":"deepfake"}`, `{"inputs":{"liveness":"deepfake"}}`,
			`{"inputs":`+entries(201)+`}`, `{"outcome":{}}`, `{"flow":[],"sessionId":"s"}`, `{"flow":`+nodes(201)+`}`,
			`{"outcomes":null,"replies":null,"inputs":null}`),
		"launch_session_ui": append(common,
			`{"openBrowser":false}`, `{"openBrowser":"no"}`, `{"flow":"[]"}`, `{"flow":`+nodes(201)+`}`, `{"description":"liveness"}`,
			`{"description":`+q(long(4001))+`}`, `{"langs":"en"}`, `{"langs":["en","es"]}`, `{"langs":5}`, `{"metadata":{"a":"b"}}`,
			`{"metadata":{"a":1}}`, `{"metadata":`+entries(201)+`}`, `{"customization":{"branding":{"primaryColor":"#000"}}}`,
			`{"customization":{"branding":{"font":"x"}}}`, `{"customization":{"theme":{}}}`, `{"zone":`+q(long(17))+`}`,
			`{"avatar":"x"}`, `{"flow":null,"description":null}`),
		"export_app": append(common,
			`{"outputDir":"/tmp/app"}`, `{"outputDir":""}`, `{"outputDir":3}`, `{"outputDir":`+q("/tmp/"+long(1024))+`}`,
			`{"outputDir":"/tmp/app","useCase":"payroll"}`, `{"outputDir":"/tmp/app","useCase":"login-2fa"}`,
			`{"outputDir":"/tmp/app","database":"mysql"}`, `{"outputDir":"/tmp/app","database":"postgres"}`,
			`{"outputDir":"/tmp/app","appName":`+q(long(41))+`}`, `{"outputDir":"/tmp/app","metadata":{"a":1}}`,
			`{"outputDir":"/tmp/app","metadata":`+entries(201)+`}`, `{"outputDir":"/tmp/app","zone":"us"}`,
			`{"outputDir":"/tmp/app","update":"yes"}`, `{"output_dir":"/tmp/app"}`, `{"outputDir":"/tmp/app","flow":`+nodes(201)+`}`),
	}
}

// The same arguments are accepted and refused, with the same messages,
// whatever validates them: testdata/input-corpus.json records what each
// call's arguments get, and any change to it is a change to what a model sees.
func TestInputCorpus(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	tools := map[string]mcp.Tool{}
	for _, st := range Toolset(d) {
		tools[st.Tool.Name] = st.Tool
	}
	var got []inputCase
	args := inputCorpusArgs()
	for _, name := range sortedKeys(args) {
		tool, ok := tools[name]
		require.True(t, ok, name)
		for _, raw := range args[name] {
			answer := func(req mcp.CallToolRequest) string {
				if err := checkArguments(req, tool); err != nil {
					return err.Error()
				}
				return "ok"
			}
			c := inputCase{Tool: name, Args: json.RawMessage(raw), Result: answer(mcpRequest(raw))}
			if w := answer(wireRequestOrRaw(raw)); w != c.Result {
				c.Wire = w
			}
			got = append(got, c)
		}
	}
	path := filepath.Join("testdata", "input-corpus.json")
	enc, err := json.MarshalIndent(got, "", "  ")
	require.NoError(t, err)
	enc = append(enc, '\n')
	if *updateInputCorpus {
		require.NoError(t, os.WriteFile(path, enc, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./tools -run TestInputCorpus -update-input-corpus")
	assert.Equal(t, string(want), string(enc))
	for _, tool := range tools {
		_, ok := args[tool.Name]
		assert.True(t, ok, "no corpus for %s", tool.Name)
	}
}

// wireRequestOrRaw is wireRequest where mcp-go would take the arguments (an
// object or null); other JSON reaches a handler only as raw bytes.
func wireRequestOrRaw(raw string) mcp.CallToolRequest {
	if strings.HasPrefix(raw, "{") || raw == "null" {
		return wireRequest(raw)
	}
	return mcpRequest(raw)
}

package flow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Decode must behave exactly as the map-based decoder it replaced (oracleDecode in
// decode_oracle_test.go): same Flow, or the same *DecodeError, for any input. These
// tests hold it to that on the fixtures, hand-picked quirks of encoding/json, many
// generated documents and (in FuzzDecodeOracle) whatever the fuzzer finds.

// requireSameDecode compares Decode with the oracle on data, Flow.UnmarshalJSON
// with Decode, and Node.UnmarshalJSON with the oracle's node decoder on data and
// on each element when data is an array.
func requireSameDecode(t testing.TB, data []byte) {
	t.Helper()
	got, gotErr := Decode(data)
	want, wantErr := oracleDecode(data)
	requireSameResult(t, data, got, gotErr, want, wantErr)

	// Flow.UnmarshalJSON skips Decode's json.Valid, since encoding/json has
	// checked the document: on every document that reaches it, it must give
	// Decode's flow or Decode's error.
	if json.Valid(data) {
		var viaJSON Flow
		err := json.Unmarshal(data, &viaJSON)
		requireSameResult(t, data, viaJSON, err, got, gotErr)
	}

	requireSameNodeDecode(t, data)
	var items []json.RawMessage
	if json.Unmarshal(bytes.TrimSpace(data), &items) == nil {
		for _, item := range items {
			requireSameNodeDecode(t, item)
		}
	}
}

func requireSameNodeDecode(t testing.TB, data []byte) {
	t.Helper()
	var got, want Node
	gotErr := got.UnmarshalJSON(data)
	wantErr := want.oracleDecode(data, "")
	if wantErr != nil || gotErr != nil {
		requireSameError(t, data, gotErr, wantErr)
		return
	}
	require.Equal(t, want, got, "node %q", data)
}

func requireSameResult(t testing.TB, data []byte, got Flow, gotErr error, want Flow, wantErr error) {
	t.Helper()
	if wantErr != nil || gotErr != nil {
		requireSameError(t, data, gotErr, wantErr)
		require.Nil(t, got, "a flow with an error for %q", data)
		return
	}
	// require.Equal is reflect.DeepEqual here: nil and empty slices differ, and so
	// does the unexported outcome shape of unknown types.
	require.Equal(t, want, got, "flow %q", data)
}

func requireSameError(t testing.TB, data []byte, got, want error) {
	t.Helper()
	require.Equal(t, fmt.Sprintf("%T %v", want, want), fmt.Sprintf("%T %v", got, got), "error for %q", data)
	if de, ok := want.(*DecodeError); ok {
		require.Equal(t, de, got.(*DecodeError), "error for %q", data)
	}
}

// decodeQuirks are documents that exercise what encoding/json did for the old
// decoder and the scanner must reproduce.
var decodeQuirks = []string{
	// Whitespace, including the Unicode spaces bytes.TrimSpace removes around the document.
	" \t\r\n[ ] ", "\u00a0[]\u0085", "\v[{\"id\" : \"a\" , \"type\"\t:\"end\"}]\f", `[ {  } , { "id" :"x" } ]`,
	// Wrappers: "nodes" beats "flow"; the last of a repeated key counts; escaped keys.
	`{"flow":[],"nodes":[{"id":"n","type":"end"}]}`, `{"nodes":7,"nodes":[]}`, `{"nodes":[],"nodes":7}`,
	`{"n\u006fdes":[{"id":"e","type":"end"}]}`, `{"Nodes":[]}`, `{"flow":null}`, `{"flow":[],"flow":{}}`, `{}`, `{"a":1}`,
	`{"nodes":[1]}`, `{"flow":[{"id":5}]}`,
	// Repeated node members: the last counts, null included; id and type null.
	`[{"id":"a","id":"b","type":"end","type":"start","outcome":"x"}]`, `[{"id":"a","id":null,"type":null}]`,
	`[{"type":"start","outcome":"x","outcome":null}]`, `[{"id":1,"id":"ok","type":"end"}]`,
	// Member names match exactly at node level (a map), case-insensitively inside structs.
	`[{"ID":"a","Type":"end","Prompt":"p"}]`, `[{"\u0069d":"a","typ\u0065":"end"}]`,
	`[{"id":"p","type":"permissions","permissions":{"Camera":true,"MICROPHONE":false,"camera":null}}]`,
	`[{"id":"p","type":"permissions","permissions":{"camera":"yes","camera":true}}]`,
	`[{"id":"p","type":"permissions","permissions":{"other":"x","camera":false}}]`,
	`[{"id":"p","type":"permissions","permissions":[]}]`, `[{"id":"p","type":"permissions","permissions":{"camera":1}}]`,
	`[{"id":"c","type":"face_compare","sourceA":{"\u017fource":"faceScan"},"sourceB":{"SOURCE":"x","providedDataKEY":"k"}}]`,
	`[{"id":"c","type":"face_compare","sourceA":{"source":"a","source":null},"sourceB":{"source":1}}]`,
	"[{\"id\":\"k\",\"type\":\"recognition\",\"outcomes\":{\"recognized\":\"a\"},\"\u212a\":1,\"k\":2}]",
	// Validation: strings, a numeric (or boolean, or null after a number) value taken as text.
	`[{"id":"v","type":"data_validation","validation":{"field":"age","action":"olderThan","value":18}}]`,
	`[{"id":"v","type":"data_validation","validation":{"field":"age","action":"olderThan","value":-1.5e3}}]`,
	`[{"id":"v","type":"data_validation","validation":{"field":"age","value":true}}]`,
	`[{"id":"v","type":"data_validation","validation":{"value":18,"value":null}}]`,
	`[{"id":"v","type":"data_validation","validation":{"value":18,"value":"x"}}]`,
	`[{"id":"v","type":"data_validation","validation":{"value":"x","value":18}}]`,
	`[{"id":"v","type":"data_validation","validation":{"value":"x","value":null}}]`,
	`[{"id":"v","type":"data_validation","validation":{"field":1,"value":18}}]`,
	`[{"id":"v","type":"data_validation","validation":{"FIELD":"f","Action":"a","VALUE":[1]}}]`,
	`[{"id":"v","type":"data_validation","validation":{"field":"f","value":{}}}]`,
	`[{"id":"v","type":"data_validation","validation":{}}]`, `[{"id":"v","type":"data_validation","validation":null}]`,
	// Numbers: ints must be whole and fit; floats must fit.
	`[{"id":"o","type":"two_factor_sms","otpLength":-0,"expirySeconds":9223372036854775807,"maxAttempts":1}]`,
	`[{"id":"o","type":"two_factor_sms","otpLength":9223372036854775808}]`, `[{"id":"o","type":"two_factor_sms","otpLength":1e2}]`,
	`[{"id":"o","type":"two_factor_sms","otpLength":6.0}]`, `[{"id":"o","type":"two_factor_sms","otpLength":"6"}]`,
	`[{"id":"f","type":"face_scan","similarityThreshold":1e400}]`, `[{"id":"f","type":"face_scan","similarityThreshold":1e-400}]`,
	`[{"id":"f","type":"face_scan","similarityThreshold":-0.0,"requireLivenessChallenge":false}]`,
	// Document types: null elements are "", an empty array stays non-nil.
	`[{"id":"d","type":"document_scan","allowedDocumentTypes":[]}]`, `[{"id":"d","type":"document_scan","allowedDocumentTypes":[null,"id"]}]`,
	`[{"id":"d","type":"document_scan","allowedDocumentTypes":[[]]}]`, `[{"id":"d","type":"document_scan","allowedDocumentTypes":{}}]`,
	// List outcomes: struct rules per item (case-insensitive keys, last wins, null clears).
	`[{"id":"c","type":"conversation","outcomes":[{"ID":"a","TargetNodeID":"b","CONDITION":"c"}]}]`,
	`[{"id":"c","type":"conversation","outcomes":[{"id":"a","id":null,"targetNodeId":5,"targetNodeId":"t"}]}]`,
	`[{"id":"c","type":"conversation","outcomes":[]}]`, `[{"id":"c","type":"conversation","outcomes":[null]}]`,
	`[{"id":"c","type":"conversation","outcomes":[{},{"x":1}]}]`, `[{"id":"c","type":"conversation","outcomes":null}]`,
	// Map outcomes: order kept, repeats refused (also when spelled differently), names escaped in paths.
	`[{"id":"l","type":"liveness_detection","outcomes":{}}]`, `[{"id":"l","type":"liveness_detection","outcomes":{"a":"x","\u0061":"y"}}]`,
	"[{\"id\":\"l\",\"type\":\"liveness_detection\",\"outcomes\":{\"a\xff\":\"x\",\"a\\ufffd\":\"y\"}}]",
	`[{"id":"l","type":"liveness_detection","outcomes":{"~/":null}}]`, `[{"id":"l","type":"liveness_detection","outcomes":{"x":"\ud800"}}]`,
	`[{"id":"l","type":"liveness_detection","outcomes":{"a":"x","b":1,"a":"y"}}]`,
	// Outcomes where the type has none, or an unknown type with either shape.
	`[{"id":"s","type":"start","outcomes":{"x":"y"},"outcome":"e"}]`, `[{"id":"e","type":"end","outcomes":null}]`,
	`[{"id":"u","type":"palm","outcomes":[{"id":"a"}]}]`, `[{"id":"u","type":"palm","outcomes":{"a":"b"}}]`,
	`[{"id":"u","type":"palm","outcomes":7}]`, `[{"id":"u","type":"palm","outcomes":null,"prompt":5}]`,
	// Fields of other types are extras; escaped, odd and invalid-UTF-8 names; deep values.
	`[{"id":"l","type":"liveness_detection","prompt":"p","otpLength":"x","outcomes":{"noFace":"e"}}]`,
	"[{\"id\":\"a\",\"type\":\"end\",\"\x7f\":1,\"\\u0001\":2,\"é\\\"\":3,\"<&>\":4,\"\xff\":5}]",
	`[{"id":"a","type":"end","x":{"deep":[1,{"k":null}],"s":"]}\"["},"x":"last"}]`,
	// Strings: escapes, surrogates, invalid UTF-8, control escapes.
	`[{"id":"\u2028<&>","type":"conversation","prompt":"Say: \ud800\udc00 \ud800","outcomes":[{"id":"","targetNodeId":"","condition":"\u0000"}]}]`,
	"[{\"id\":\"a\xc3\",\"type\":\"end\"}]", `[{"id":"\\\"","type":"end"}]`, `[{"id":"\/\b\f\n\r\t","type":"end"}]`,
	// Errors in order: id before type before fields before outcomes.
	`[{"id":1,"type":2}]`, `[{"type":2,"id":"x","outcomes":[]}]`,
	`[{"id":"c","type":"conversation","outcomes":{},"doesNotRequireReply":"x","prompt":1}]`,
	// Not flows, and invalid JSON of every kind.
	``, `null`, `true`, `"x"`, `1`, `-`, `[`, `{`, `[1,]`, `{"a"}`, `[] x`, `[{"id":"a"}`, `["\x"]`, "[\"\x01\"]",
	`[{"id":"a","type":"end",}]`, `nul`, `[nul]`, `{"nodes":[}`, `[{}]]`, `[[]]`, `[1, {"id":"a"}]`, "[\"\xff\"]",
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	`[` + strings.Repeat(`{"id":"x","type":"end"},`, 100) + `{}]`,
	`[{"id":"l","type":"recognition","outcomes":{` + manyOutcomes(40) + `}}]`,
	`[{"id":"l","type":"recognition","outcomes":{` + manyOutcomes(40) + `,"o7":"x"}}]`,
}

// manyOutcomes spells n distinct map outcomes (more than the linear repeat check covers).
func manyOutcomes(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`"o%d":"t%d"`, i, i)
	}
	return strings.Join(parts, ",")
}

// decodeSeeds are the fixtures, the fuzz corpus's inputs and the quirks.
func decodeSeeds(t testing.TB) [][]byte {
	t.Helper()
	var seeds [][]byte
	valid, invalid, warn := fixtureFiles(t)
	for _, file := range append(append(valid, invalid...), warn...) {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		seeds = append(seeds, data)
	}
	corpus, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	require.NoError(t, err)
	for _, file := range corpus {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		if v, ok := corpusBytes(data); ok {
			seeds = append(seeds, v)
		}
	}
	wire, err := os.ReadFile(filepath.Join("testdata", "flows", "wire-transfer.json"))
	require.NoError(t, err)
	seeds = append(seeds, wire, []byte(benchFlow20), []byte(`{"nodes":`+benchFlow20+`}`))
	for _, q := range decodeQuirks {
		seeds = append(seeds, []byte(q))
	}
	return seeds
}

// corpusBytes reads the one []byte value of a "go test fuzz v1" corpus file.
func corpusBytes(file []byte) ([]byte, bool) {
	lines := strings.Split(strings.TrimSpace(string(file)), "\n")
	if len(lines) != 2 || lines[0] != "go test fuzz v1" {
		return nil, false
	}
	var s string
	if _, err := fmt.Sscanf(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"), "%q", &s); err != nil {
		return nil, false
	}
	return []byte(s), true
}

func TestDecodeMatchesOracleOnSeeds(t *testing.T) {
	seeds := decodeSeeds(t)
	require.Greater(t, len(seeds), len(decodeQuirks))
	for _, data := range seeds {
		requireSameDecode(t, data)
	}
}

// The quirks must reach both outcomes, or they prove little.
func TestDecodeQuirksCoverSuccessAndFailure(t *testing.T) {
	ok, failed := 0, 0
	for _, q := range decodeQuirks {
		if _, err := Decode([]byte(q)); err != nil {
			failed++
		} else {
			ok++
		}
	}
	assert.Greater(t, ok, 40)
	assert.Greater(t, failed, 40)
}

// Generated flows: valid JSON built from the members, values and spellings above,
// so that most reach the field decoders rather than failing as invalid JSON.
func TestDecodeMatchesOracleOnGeneratedFlows(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 1000
	}
	r := rand.New(rand.NewPCG(1, 2))
	decoded := 0
	for range n {
		data := []byte(genDoc(r))
		requireSameDecode(t, data)
		if _, err := Decode(data); err == nil {
			decoded++
		}
	}
	// Sanity: the generator must produce flows that decode, not only errors.
	assert.Greater(t, decoded, n/20, "generated documents that decode")
}

// Mutated seeds: random byte edits, mostly invalid JSON, sometimes subtly valid.
func TestDecodeMatchesOracleOnMutations(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	r := rand.New(rand.NewPCG(3, 4))
	seeds := decodeSeeds(t)
	for range n {
		data := mutate(r, seeds[r.IntN(len(seeds))])
		requireSameDecode(t, data)
	}
}

// FuzzDecodeOracle: Decode agrees with the oracle on any input, and the scanner
// splits any valid JSON exactly as encoding/json does and never panics on the rest.
// Run: go test ./flowbuild/flow -run '^$' -fuzz '^FuzzDecodeOracle$' -fuzztime 3m
func FuzzDecodeOracle(f *testing.F) {
	for _, s := range decodeSeeds(f) {
		f.Add(s)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50 {
		f.Add([]byte(genDoc(r)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		requireSameDecode(t, data)
		checkScanner(t, data)
	})
}

// checkScanner: on valid JSON the scanner's split of objects and arrays matches
// encoding/json's (keys in order, raw values); on anything else it just ends.
func checkScanner(t *testing.T, data []byte) {
	data = bytes.TrimSpace(data)
	// Arbitrary bytes: every entry point terminates without panicking.
	mi := members(data)
	for _, _, ok := mi.next(); ok; _, _, ok = mi.next() {
	}
	ei := elements(data)
	for _, ok := ei.next(); ok; _, ok = ei.next() {
	}
	_, _ = countElements(data), countMembers(data)
	_, _ = valueEnd(data, 0), stringEnd(data, 0)
	_, _ = unquote(data)
	_ = keyBytes(data)

	if !json.Valid(data) || len(data) == 0 {
		return
	}
	require.Equal(t, len(data), valueEnd(data, 0), "a valid document is one value")
	switch data[0] {
	case '[':
		var want []json.RawMessage
		require.NoError(t, json.Unmarshal(data, &want))
		var got []json.RawMessage
		it := elements(data)
		for v, ok := it.next(); ok; v, ok = it.next() {
			got = append(got, v)
		}
		require.False(t, it.bad)
		require.Equal(t, len(want), countElements(data))
		if len(want) == 0 {
			require.Empty(t, got)
			return
		}
		require.Equal(t, want, got)
	case '{':
		type member struct {
			Key string
			Val string
		}
		var want []member
		dec := json.NewDecoder(bytes.NewReader(data))
		_, err := dec.Token()
		require.NoError(t, err)
		for dec.More() {
			tok, err := dec.Token()
			require.NoError(t, err)
			var v json.RawMessage
			require.NoError(t, dec.Decode(&v))
			want = append(want, member{tok.(string), string(bytes.TrimSpace(v))})
		}
		var got []member
		it := members(data)
		for k, v, ok := it.next(); ok; k, v, ok = it.next() {
			s, ok := unquote(k)
			require.True(t, ok)
			require.Equal(t, s, string(keyBytes(k)))
			got = append(got, member{s, string(v)})
		}
		require.False(t, it.bad)
		require.Equal(t, len(want), countMembers(data))
		require.Equal(t, want, got)
	}
}

func TestScannerOnTruncatedAndOddInput(t *testing.T) {
	for _, in := range []string{``, `{`, `[`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,`, `[1,`, `["`, `["\`, `["\"`,
		`{1:2}`, `{"a" 1}`, `[1 2]`, `{,}`, `[,1]`, `]`, `}`, `{"a":}`, `[{]`, "\"\\\\\"", `"abc`, `tru`} {
		t.Run(in, func(t *testing.T) {
			require.NotPanics(t, func() { checkScanner(t, []byte(in)) })
		})
	}
	it := members([]byte(`{"a":1 "b":2}`))
	_, _, ok := it.next()
	require.True(t, ok)
	_, _, ok = it.next()
	require.False(t, ok)
	require.True(t, it.bad, "a missing comma is noticed")
	assert.Equal(t, -1, countElements([]byte(`[1,`)))
	assert.Equal(t, -1, countMembers([]byte(`[]`)))
	assert.Equal(t, -1, stringEnd([]byte(`"ab\"`), 0))
	assert.Equal(t, 5, stringEnd([]byte(`"a\\"b"`), 0))
}

// Strings from the document share one copy of it; a literal from elsewhere (not
// part of the decoder's data) still decodes, by a copy of its own.
func TestDecoderUnquoteOutsideItsData(t *testing.T) {
	d := newDecoder([]byte(`["abc"]`))
	s, ok := d.unquote(d.data[1:6])
	require.True(t, ok)
	assert.Equal(t, "abc", s)
	other := []byte(`xx"abc"`)
	s, ok = d.unquote(other[2:])
	require.True(t, ok)
	assert.Equal(t, "abc", s)
	s, ok = d.unquote([]byte(`"a\u0062c"`))
	require.True(t, ok)
	assert.Equal(t, "abc", s)
}

// Extra values are copies: reusing the input buffer leaves a decoded flow alone.
func TestDecodeCopiesExtraValues(t *testing.T) {
	data := []byte(`[{"id":"a","type":"end","note":"keep"}]`)
	f, err := Decode(data)
	require.NoError(t, err)
	for i := range data {
		data[i] = ' '
	}
	assert.Equal(t, `"keep"`, string(f[0].Extra["note"]))
	assert.Equal(t, "a", f[0].ID)
}

// Every field the catalogue lists has a decoder.
func TestEveryCatalogueFieldDecodes(t *testing.T) {
	for _, info := range Catalog() {
		for _, name := range info.Fields {
			assert.GreaterOrEqual(t, fieldIndex([]byte(name)), 0, "%s.%s", info.Type, name)
		}
	}
}

// --- generator ---

var genTypes = []string{"start", "end", "conversation", "permissions", "liveness_detection", "face_scan",
	"face_compare", "recognition", "document_scan", "enter_email", "two_factor_email", "two_factor_sms",
	"data_validation", "retina_scan", "Start", "", "con\\u0076ersation"}

var genNodeKeys = []string{"id", "type", "outcomes", "outcome", "prompt", "doesNotRequireReply", "permissions",
	"captureInstructions", "requireLivenessChallenge", "similarityThreshold", "sourceA", "sourceB", "scanningMode",
	"allowedDocumentTypes", "otpLength", "expirySeconds", "maxAttempts", "validation",
	"ID", "Prompt", "i\\u0064", "note", "x-meta", "a/b~c", "\xff", "\\u00e9"}

var genInnerKeys = []string{"camera", "microphone", "Camera", "MICROPHONE", "source", "providedDataKey", "\u017fource",
	"SOURCE", "field", "action", "value", "Value", "FIELD", "id", "ID", "targetNodeId", "targetnodeid", "condition",
	"Condition", "other", "\u212a", "i\\u0064"}

var genOutcomeNames = []string{"livenessDetected", "deepfakeDetected", "noFace", "recognized", "newUser", "passed",
	"match", "verified", "error", "x", "a/b", "~", "n\\u006fFace", "\xfe"}

var genStrings = []string{`""`, `"a"`, `"end"`, `"start"`, `"Say: hello"`, `"faceScan"`, `"passport"`, `"olderThan"`,
	`"\u00e9\n"`, `"\ud800"`, `"\"q\""`, "\"\xff\"", `"\\"`, `"18"`, `"é"`}

var genNumbers = []string{"0", "-0", "1", "6", "18", "0.8", "-1.5e3", "1e2", "1E+2", "9223372036854775807",
	"9223372036854775808", "1e400", "1e-400", "6.0"}

type docGen struct{ r *rand.Rand }

func genDoc(r *rand.Rand) string {
	g := docGen{r}
	nodes := make([]string, g.r.IntN(6))
	for i := range nodes {
		nodes[i] = g.node()
	}
	arr := g.ws() + "[" + g.join(nodes) + "]" + g.ws()
	switch g.r.IntN(10) {
	case 0:
		return `{"nodes":` + arr + `,"other":` + g.value(1) + `}`
	case 1:
		return `{"summary":"s","flow":` + arr + `}`
	case 2:
		return "\u00a0" + arr
	}
	return arr
}

func (g docGen) ws() string {
	return []string{"", "", "", " ", "\n\t", "\r\n  "}[g.r.IntN(6)]
}

func (g docGen) join(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(g.ws() + "," + g.ws())
		}
		b.WriteString(p)
	}
	return b.String()
}

func (g docGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g docGen) member(key, val string) string {
	return `"` + key + `"` + g.ws() + ":" + g.ws() + val
}

func (g docGen) node() string {
	if g.r.IntN(30) == 0 {
		return g.value(1) // not an object, mostly
	}
	typ := g.pick(genTypes)
	var ms []string
	if g.r.IntN(10) > 0 {
		ms = append(ms, g.member("id", g.maybe(`"n`+fmt.Sprint(g.r.IntN(5))+`"`)))
	}
	if g.r.IntN(10) > 0 {
		ms = append(ms, g.member("type", g.maybe(`"`+typ+`"`)))
	}
	for range g.r.IntN(5) {
		key := g.pick(genNodeKeys)
		ms = append(ms, g.member(key, g.fieldValue(key)))
	}
	g.r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
	return "{" + g.ws() + g.join(ms) + g.ws() + "}"
}

// maybe returns v usually, sometimes a value of another kind.
func (g docGen) maybe(v string) string {
	if g.r.IntN(12) == 0 {
		return g.value(1)
	}
	return v
}

// fieldValue is usually a value of the field's kind, with the spellings that matter.
func (g docGen) fieldValue(key string) string {
	if g.r.IntN(8) == 0 {
		return g.value(2)
	}
	switch key {
	case "outcomes":
		if g.r.IntN(2) == 0 {
			return g.mapOutcomes()
		}
		return g.listOutcomes()
	case "doesNotRequireReply", "requireLivenessChallenge":
		return g.pick([]string{"true", "false", "null"})
	case "similarityThreshold", "otpLength", "expirySeconds", "maxAttempts":
		return g.pick(genNumbers)
	case "permissions", "sourceA", "sourceB", "validation":
		return g.innerObject()
	case "allowedDocumentTypes":
		items := make([]string, g.r.IntN(4))
		for i := range items {
			items[i] = g.pick(append(genStrings, "null", "1"))
		}
		return "[" + g.join(items) + "]"
	}
	return g.pick(genStrings)
}

func (g docGen) mapOutcomes() string {
	ms := make([]string, g.r.IntN(5))
	for i := range ms {
		v := g.pick(genStrings)
		if g.r.IntN(10) == 0 {
			v = g.pick([]string{"null", "1", "{}", "[]", "true"})
		}
		ms[i] = g.member(g.pick(genOutcomeNames), v)
	}
	return "{" + g.join(ms) + "}"
}

func (g docGen) listOutcomes() string {
	items := make([]string, g.r.IntN(4))
	for i := range items {
		if g.r.IntN(15) == 0 {
			items[i] = g.value(1)
			continue
		}
		items[i] = g.innerObject()
	}
	return "[" + g.join(items) + "]"
}

func (g docGen) innerObject() string {
	ms := make([]string, g.r.IntN(5))
	for i := range ms {
		var v string
		switch g.r.IntN(6) {
		case 0:
			v = g.pick(genNumbers)
		case 1:
			v = g.pick([]string{"true", "false", "null", "{}", "[1]"})
		default:
			v = g.pick(genStrings)
		}
		ms[i] = g.member(g.pick(genInnerKeys), v)
	}
	return "{" + g.ws() + g.join(ms) + "}"
}

// value is any JSON value, nested up to depth.
func (g docGen) value(depth int) string {
	kind := g.r.IntN(6)
	if depth <= 0 && kind >= 4 {
		kind = 0
	}
	switch kind {
	case 0:
		return g.pick(genStrings)
	case 1:
		return g.pick(genNumbers)
	case 2:
		return g.pick([]string{"true", "false"})
	case 3:
		return "null"
	case 4:
		items := make([]string, g.r.IntN(3))
		for i := range items {
			items[i] = g.value(depth - 1)
		}
		return "[" + g.join(items) + "]"
	default:
		ms := make([]string, g.r.IntN(3))
		for i := range ms {
			ms[i] = g.member(g.pick(genInnerKeys), g.value(depth-1))
		}
		return "{" + g.join(ms) + "}"
	}
}

// mutate applies a few random byte edits to a copy of data.
func mutate(r *rand.Rand, data []byte) []byte {
	out := bytes.Clone(data)
	tokens := []string{`"`, `\`, `{`, `}`, `[`, `]`, `,`, `:`, `null`, `1`, `"id"`, `"type"`, `"outcomes"`, " ", "\xff", `\u0041`, `"ID"`}
	for range 1 + r.IntN(3) {
		switch op := r.IntN(4); {
		case op == 0 && len(out) > 0:
			out[r.IntN(len(out))] = byte(r.IntN(256))
		case op == 1 && len(out) > 0:
			i := r.IntN(len(out))
			j := i + r.IntN(min(8, len(out)-i)+1)
			out = append(out[:i:i], out[j:]...)
		case op == 2:
			i := r.IntN(len(out) + 1)
			out = append(out[:i:i], append([]byte(tokens[r.IntN(len(tokens))]), out[i:]...)...)
		default:
			if len(out) > 1 {
				i, j := r.IntN(len(out)), r.IntN(len(out))
				if i > j {
					i, j = j, i
				}
				k := r.IntN(len(out) + 1)
				out = append(out[:k:k], append(bytes.Clone(out[i:j]), out[k:]...)...)
			}
		}
	}
	return out
}

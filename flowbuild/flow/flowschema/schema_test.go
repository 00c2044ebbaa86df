package flowschema

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// updateGolden rewrites the golden schema: go test ./flowbuild/flow/flowschema -update
var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// sampleDir is the flow package's copy of the contract's sample flows.
const sampleDir = "../testdata/flows"

// checkGolden compares got with testdata/<name>, rewriting it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got, "%s drifted; if the change is intended run go test ./flowbuild/flow/flowschema -update", path)
}

// fixtureFiles lists the sample flow files by folder.
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

func TestSchemaGolden(t *testing.T) {
	checkGolden(t, "flow.schema.json", string(Schema()))
}

func TestSchemaIsStableAndCopied(t *testing.T) {
	a := Schema()
	a[0] = 'X'
	assert.Equal(t, byte('{'), Schema()[0], "callers get their own copy")
	var doc map[string]any
	require.NoError(t, json.Unmarshal(Schema(), &doc))
	assert.Equal(t, SchemaID, doc["$id"])
	assert.Equal(t, "array", doc["type"])
}

// schemaDoc is the decoded schema, for structural checks.
func schemaDefs(t *testing.T, data []byte) map[string]map[string]any {
	t.Helper()
	var doc struct {
		Defs map[string]map[string]any `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	require.NotEmpty(t, doc.Defs)
	return doc.Defs
}

func propNames(def map[string]any) []string {
	props, _ := def["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, fmt.Sprint(x))
	}
	slices.Sort(out)
	return out
}

func defOf(t *testing.T, defs map[string]map[string]any, ref any) map[string]any {
	t.Helper()
	s, _ := ref.(string)
	name, ok := strings.CutPrefix(s, "#/$defs/")
	require.True(t, ok, "ref %v", ref)
	def, ok := defs[name]
	require.True(t, ok, "no definition %s", name)
	return def
}

// The schema and the catalogue cannot diverge: each type's schema has exactly
// id, type, the catalogue's fields and (unless start/end) outcomes, every property
// is described, map outcomes require exactly the catalogue's names and allow its
// optional ones, and list outcomes are {id, targetNodeId, condition}.
func TestSchemaMatchesCatalogue(t *testing.T) {
	defs := schemaDefs(t, Schema())
	node := defs["Node"]
	require.NotNil(t, node)
	oneOf, _ := node["oneOf"].([]any)
	require.Len(t, oneOf, len(flow.Catalog()))

	byType := map[string]map[string]any{}
	for _, alt := range oneOf {
		def := defOf(t, defs, alt.(map[string]any)["$ref"])
		typ := def["properties"].(map[string]any)["type"].(map[string]any)["const"]
		byType[fmt.Sprint(typ)] = def
	}
	for _, info := range flow.Catalog() {
		t.Run(string(info.Type), func(t *testing.T) {
			def, ok := byType[string(info.Type)]
			require.True(t, ok, "no schema selected by type %q", info.Type)
			want := append([]string{"id", "type"}, info.Fields...)
			if info.Shape != flow.ShapeNone {
				want = append(want, "outcomes")
			}
			slices.Sort(want)
			assert.Equal(t, want, propNames(def))
			assert.Equal(t, false, def["additionalProperties"])
			assert.Contains(t, stringsOf(def["required"]), "id")
			assert.Contains(t, stringsOf(def["required"]), "type")
			for name, p := range def["properties"].(map[string]any) {
				assert.NotEmpty(t, p.(map[string]any)["description"], "%s.%s has no description", info.Type, name)
			}
			assert.NotEmpty(t, def["description"])

			standalone, ok := NodeSchema(info.Type)
			require.True(t, ok)
			assert.True(t, json.Valid(standalone))

			if info.Shape == flow.ShapeNone {
				return
			}
			assert.Contains(t, stringsOf(def["required"]), "outcomes")
			outs := def["properties"].(map[string]any)["outcomes"].(map[string]any)
			switch info.Shape {
			case flow.ShapeMap:
				od := defOf(t, defs, outs["$ref"])
				assert.Equal(t, false, od["additionalProperties"])
				assert.ElementsMatch(t, info.Outcomes, stringsOf(od["required"]))
				assert.ElementsMatch(t, append(slices.Clone(info.Outcomes), info.OptionalOutcomes...), propNames(od))
				for name, p := range od["properties"].(map[string]any) {
					assert.NotEmpty(t, p.(map[string]any)["description"], "%s outcome %s has no description", info.Type, name)
				}
			case flow.ShapeList:
				assert.Equal(t, "array", outs["type"])
				item := defOf(t, defs, outs["items"].(map[string]any)["$ref"])
				assert.Equal(t, []string{"condition", "id", "targetNodeId"}, propNames(item))
				assert.Equal(t, []string{"condition", "id", "targetNodeId"}, stringsOf(item["required"]))
			}
		})
	}
	_, ok := NodeSchema("retina_scan")
	assert.False(t, ok)
}

// The enums in the schema are the catalogue's lists.
func TestSchemaEnumsMatchCatalogue(t *testing.T) {
	defs := schemaDefs(t, Schema())
	doc := defs["DocumentScanNode"]["properties"].(map[string]any)["allowedDocumentTypes"].(map[string]any)["items"].(map[string]any)
	assert.ElementsMatch(t, flow.DocumentTypes(), stringsOf(doc["enum"]))
	src := defs["FaceSourceSpec"]["properties"].(map[string]any)["source"].(map[string]any)
	assert.ElementsMatch(t, flow.FaceSources(), stringsOf(src["enum"]))
	types := defs["Node"]["properties"].(map[string]any)["type"].(map[string]any)
	var names []string
	for _, ti := range flow.Catalog() {
		names = append(names, string(ti.Type))
	}
	assert.ElementsMatch(t, names, stringsOf(types["enum"]))
}

// Sample flows against the schema, with a small validator for the keywords the
// generated schema uses (no JSON Schema library in go.mod): the valid and warn
// samples conform; invalid samples that the schema can express do not.
func TestSchemaAcceptsSampleFlows(t *testing.T) {
	var root map[string]any
	require.NoError(t, json.Unmarshal(Schema(), &root))
	defs := root["$defs"].(map[string]any)
	check := func(file string) []string {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var doc any
		require.NoError(t, json.Unmarshal(data, &doc))
		return miniValidate(defs, root, doc, "")
	}
	valid, invalid, warn := fixtureFiles(t)
	for _, file := range append(valid, warn...) {
		assert.Empty(t, check(file), file)
	}
	// Structural rules a schema can state; graph rules (reachability, targets) it cannot.
	for _, name := range []string{"empty-conversation.json", "missing-outcomes.json", "not-an-array.json", "otp-length.json", "unknown-type.json"} {
		file := filepath.Join(sampleDir, "invalid", name)
		require.Contains(t, invalid, file)
		assert.NotEmpty(t, check(file), file)
	}
}

// miniValidate checks doc against schema s, returning violations as "path: what".
func miniValidate(defs map[string]any, s map[string]any, doc any, path string) []string {
	var errs []string
	fail := func(format string, a ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, a...)) }
	if ref, ok := s["$ref"].(string); ok {
		target, _ := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if target == nil {
			fail("unresolved %s", ref)
			return errs
		}
		errs = append(errs, miniValidate(defs, target, doc, path)...)
	}
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, alt := range alts {
			if len(miniValidate(defs, alt.(map[string]any), doc, path)) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("matches %d of the oneOf alternatives, want 1", n)
		}
	}
	if c, ok := s["const"]; ok && c != doc {
		fail("want const %v", c)
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, doc) {
		fail("%v not in enum", doc)
	}
	switch s["type"] {
	case "object":
		obj, ok := doc.(map[string]any)
		if !ok {
			fail("want an object")
			return errs
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range stringsOf(s["required"]) {
			if _, ok := obj[r]; !ok {
				fail("missing %s", r)
			}
		}
		for k, v := range obj {
			p, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					fail("unexpected property %s", k)
				}
				continue
			}
			errs = append(errs, miniValidate(defs, p, v, path+"/"+k)...)
		}
	case "array":
		arr, ok := doc.([]any)
		if !ok {
			fail("want an array")
			return errs
		}
		if m, ok := s["minItems"].(float64); ok && float64(len(arr)) < m {
			fail("fewer than %v items", m)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, v := range arr {
				errs = append(errs, miniValidate(defs, items, v, fmt.Sprintf("%s/%d", path, i))...)
			}
		}
	case "string":
		str, ok := doc.(string)
		if !ok {
			fail("want a string")
			return errs
		}
		if m, ok := s["minLength"].(float64); ok && float64(len([]rune(str))) < m {
			fail("shorter than %v", m)
		}
	case "boolean":
		if _, ok := doc.(bool); !ok {
			fail("want a boolean")
		}
	case "integer", "number":
		num, ok := doc.(float64)
		if !ok || (s["type"] == "integer" && num != math.Trunc(num)) {
			fail("want a %v", s["type"])
			return errs
		}
		if m, ok := s["minimum"].(float64); ok && num < m {
			fail("below %v", m)
		}
		if m, ok := s["maximum"].(float64); ok && num > m {
			fail("above %v", m)
		}
	}
	return errs
}

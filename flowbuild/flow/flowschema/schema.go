// Package flowschema is the flow's JSON Schema, reflected from the model's shadow
// types. It is the only importer of the schema reflector, so code that only
// decodes or validates flows (the client, the sandbox) does not carry it.
package flowschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/invopop/jsonschema"
)

// SchemaID is the $id of the flow's JSON Schema.
const SchemaID = "https://github.com/facesign/facesign-mcp/flowbuild/flow.schema.json"

// Schema returns the JSON Schema (draft 2020-12) of a flow, indented: an array of
// nodes, each node an object whose schema is selected by its "type" (oneOf the
// thirteen node schemas, each fixing "type" with const). Generated from Go types
// with github.com/invopop/jsonschema; the result is computed once and each call
// gets its own copy.
func Schema() []byte {
	return append([]byte(nil), flowSchemaJSON()...)
}

// NodeSchema returns the JSON Schema of one node type, standalone (with the
// definitions it refers to), or false for an unknown type.
func NodeSchema(t flow.NodeType) ([]byte, bool) {
	for _, st := range schemaTypes() {
		if st.Type != t {
			continue
		}
		name, defs := reflectNodeSchema(st)
		root := &jsonschema.Schema{Version: jsonschema.Version, Ref: "#/$defs/" + name, Definitions: defs}
		return mustIndent(root), true
	}
	return nil, false
}

var flowSchemaJSON = sync.OnceValue(func() []byte {
	defs := jsonschema.Definitions{}
	node := &jsonschema.Schema{
		Type:        "object",
		Description: "One node of the flow. Its \"type\" selects which fields and outcomes it has.",
		Required:    []string{"id", "type"},
	}
	var types []any
	for _, st := range schemaTypes() {
		name, d := reflectNodeSchema(st)
		for k, v := range d {
			defs[k] = v
		}
		node.OneOf = append(node.OneOf, &jsonschema.Schema{Ref: "#/$defs/" + name})
		types = append(types, string(st.Type))
	}
	props := jsonschema.NewProperties()
	props.Set("id", &jsonschema.Schema{Type: "string", Description: "Unique id of the node within the flow."})
	props.Set("type", &jsonschema.Schema{Type: "string", Enum: types, Description: "The node type."})
	node.Properties = props
	defs["Node"] = node

	root := &jsonschema.Schema{
		Version: jsonschema.Version,
		ID:      SchemaID,
		Title:   "FaceSign verification flow",
		Description: "An array of nodes. Exactly one start node (its outcome names the first node), at least one end node; " +
			"every outcome targets the id of a node in the flow. Map outcomes ({name: nodeId}) must list every required name; " +
			"conversation and data_validation outcomes are a list of {id, targetNodeId, condition}.",
		Type:        "array",
		Items:       &jsonschema.Schema{Ref: "#/$defs/Node"},
		Definitions: defs,
	}
	return mustIndent(root)
})

// reflectNodeSchema generates the schema of one node type and the definitions it
// uses; the node's own definition gets "type" fixed with const and the
// catalogue's summary as its description.
func reflectNodeSchema(st schemaType) (string, jsonschema.Definitions) {
	r := &jsonschema.Reflector{
		RequiredFromJSONSchemaTags: true,
		Anonymous:                  true,
		Namer:                      schemaName,
	}
	s := r.Reflect(st.V)
	name := schemaName(reflect.TypeOf(st.V))
	def := s.Definitions[name]
	if def == nil {
		panic(fmt.Sprintf("flowbuild: schema of %s has no definition %q", st.Type, name)) // a bug in schema_types.go, caught by the tests
	}
	if p, ok := def.Properties.Get("type"); ok {
		p.Const = string(st.Type)
	}
	if info, ok := flow.Info(st.Type); ok {
		def.Title = string(st.Type)
		def.Description = info.Summary + " When: " + info.UseWhen
	}
	return name, s.Definitions
}

// schemaName names a definition after its Go type, capitalised ("livenessNode" → "LivenessNode").
func schemaName(t reflect.Type) string {
	n := t.Name()
	if n == "" {
		return ""
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// mustIndent encodes a schema indented and without HTML escaping, so that the
// descriptions read as written ("Say: <text>").
func mustIndent(s *jsonschema.Schema) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		panic("flowbuild: encode schema: " + err.Error()) // static types: cannot fail, and the golden test would catch it
	}
	return b.Bytes()
}

package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
	santhosh "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Every tool schema comes from one place: the Go types its handler reads and
// writes, reflected by invopop/jsonschema from their `json` tags, their
// `jsonschema` tags (bounds, enums) and their `jsonschema_description` tags.
// The same schema is published in tools/list, rendered into the README and
// compiled by santhosh-tekuri/jsonschema to check every call's arguments;
// this file turns that validator's findings into messages that name the
// argument, written for a model that will correct its call.

// reflectSchema is the JSON Schema of v's type, inline (no $defs), as a
// decoded JSON object. Structs refuse properties they do not name when
// strict: tool inputs are strict, so a misspelt argument is refused instead
// of ignored; outputs are not, so adding a field never breaks a client.
func reflectSchema(v any, strict bool) map[string]any {
	r := &jsonschema.Reflector{
		DoNotReference:            true,
		ExpandedStruct:            true,
		AllowAdditionalProperties: !strict,
		Mapper:                    wireTypes,
	}
	s := r.Reflect(v)
	s.Version, s.ID = "", ""
	raw, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("tools: encode the schema of %T: %v", v, err)) // static types; the snapshot tests catch it
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		panic(fmt.Sprintf("tools: decode the schema of %T: %v", v, err))
	}
	return m
}

// wireTypes maps the types that marshal themselves to what they put on the
// wire, where reflection would describe their Go fields instead.
func wireTypes(t reflect.Type) *jsonschema.Schema {
	switch t {
	case reflect.TypeFor[flow.Flow](), reflect.TypeFor[flowJSON]():
		// The field's tag describes it: a property's description is its field's.
		return &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{Type: "object"}}
	case reflect.TypeFor[facesign.Time]():
		return &jsonschema.Schema{Type: "integer"}
	case reflect.TypeFor[facesign.Session]():
		// The session goes out as the API defines it; its schema stays open so
		// that a field FaceSign adds, or a list it leaves null, never makes a
		// good answer fail validation.
		props := jsonschema.NewProperties()
		props.Set("id", &jsonschema.Schema{Type: "string", Description: "Session id."})
		props.Set("status", &jsonschema.Schema{Type: "string", Description: "requiresInput, processing, complete or canceled."})
		props.Set("settings", &jsonschema.Schema{Type: "object", Description: "The settings the session was created with."})
		props.Set("report", &jsonschema.Schema{Type: "object", Description: "What the session produced, once it has run."})
		return &jsonschema.Schema{Type: "object", Properties: props, Required: []string{"id", "status"}}
	case reflect.TypeFor[facesign.Report]():
		return &jsonschema.Schema{Type: "object"}
	case reflect.TypeFor[json.RawMessage]():
		return &jsonschema.Schema{}
	}
	return nil
}

// flowJSON is a flow argument as it arrived: decoded by the handler (see
// decodeFlowArgument), which names the node and field that are wrong.
type flowJSON json.RawMessage

func (f *flowJSON) UnmarshalJSON(b []byte) error {
	*f = append((*f)[:0], b...)
	return nil
}

// inputSchema is a tool's published input schema and its compiled validator.
type inputSchema struct {
	doc      map[string]any
	compiled *santhosh.Schema
}

// newInputSchema reflects in (a pointer to the handler's input struct) and
// compiles the result.
func newInputSchema(in any) inputSchema {
	doc := reflectSchema(in, true)
	s, err := compileSchema(doc)
	if err != nil {
		panic(fmt.Sprintf("tools: compile the input schema of %T: %v", in, err)) // caught by the tests
	}
	return inputSchema{doc: doc, compiled: s}
}

// compileSchema compiles a JSON Schema document held as decoded JSON.
func compileSchema(doc map[string]any) (*santhosh.Schema, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	v, err := santhosh.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	c := santhosh.NewCompiler()
	c.DefaultDraft(santhosh.Draft2020)
	if err := c.AddResource("tool.json", v); err != nil {
		return nil, err
	}
	return c.Compile("tool.json")
}

// raw is the schema as published: tools/list sends it verbatim.
func (s inputSchema) raw() json.RawMessage {
	b, err := json.Marshal(s.doc)
	if err != nil {
		panic(err) // it was decoded from JSON
	}
	return b
}

// bind validates req's arguments and decodes them into dst (the struct the
// schema was reflected from). Errors are *inputError, naming the argument.
func (s inputSchema) bind(req mcp.CallToolRequest, dst any) error {
	raw, err := s.check(req)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		// The schema check above makes this unreachable; say which argument
		// anyway rather than leak a Go type name.
		if te, ok := err.(*json.UnmarshalTypeError); ok {
			return &inputError{Field: te.Field, Msg: "has the wrong type: expected " + te.Type.Kind().String()}
		}
		return &inputError{Msg: err.Error()}
	}
	return nil
}

// check validates req's arguments against the schema and returns them as JSON.
func (s inputSchema) check(req mcp.CallToolRequest) ([]byte, error) {
	raw, value, err := argumentsOf(req)
	if err != nil {
		return nil, err
	}
	obj, ok := value.(map[string]any)
	if !ok {
		return nil, &inputError{Msg: "arguments must be a JSON object, got " + kindOf(value)}
	}
	// An explicit null for an optional argument means "not given", as a Go
	// client's nil pointer or an assistant's placeholder sends it.
	obj, err = dropNulls(obj, s.doc, "")
	if err != nil {
		return nil, err
	}
	if err := s.compiled.Validate(obj); err != nil {
		ve, ok := err.(*santhosh.ValidationError)
		if !ok {
			return nil, &inputError{Msg: err.Error()}
		}
		return nil, explain(ve, obj, s.doc)
	}
	return raw, nil
}

// dropNulls returns obj without the null values of properties its schema
// names; a required one is refused.
func dropNulls(obj map[string]any, schema map[string]any, path string) (map[string]any, error) {
	props, _ := schema["properties"].(map[string]any)
	if len(props) == 0 {
		return obj, nil
	}
	required := toStrings(schema["required"])
	var out map[string]any
	for _, name := range sortedKeys(obj) {
		v := obj[name]
		ps, known := props[name].(map[string]any)
		if !known {
			continue
		}
		if v == nil {
			if slices.Contains(required, name) {
				return nil, &inputError{Field: join(path, name), Msg: "is required but null"}
			}
			if out == nil {
				out = maps.Clone(obj)
			}
			delete(out, name)
			continue
		}
		if child, ok := v.(map[string]any); ok {
			c, err := dropNulls(child, ps, join(path, name))
			if err != nil {
				return nil, err
			}
			if !sameMap(c, child) {
				if out == nil {
					out = maps.Clone(obj)
				}
				out[name] = c
			}
		}
	}
	if out == nil {
		return obj, nil
	}
	return out, nil
}

func sameMap(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// explain turns the validator's finding into one message about one argument:
// an unknown argument first (it is usually a misspelt known one, which
// "sessionId is missing" would hide), then a missing one, then the rest in
// the order of their place in the arguments.
func explain(ve *santhosh.ValidationError, args map[string]any, schema map[string]any) error {
	var leaves []*santhosh.ValidationError
	var walk func(*santhosh.ValidationError)
	walk = func(e *santhosh.ValidationError) {
		if _, ok := e.ErrorKind.(*kind.AnyOf); ok {
			// A list-or-one argument: explain the alternative of the value's
			// kind; a value of neither kind gets one message naming both.
			for _, c := range e.Causes {
				if !wrongKind(c, e.InstanceLocation) {
					walk(c)
					return
				}
			}
			leaves = append(leaves, e)
			return
		}
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	rank := func(e *santhosh.ValidationError) int {
		switch e.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			return 0
		case *kind.Required:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(leaves, func(a, b *santhosh.ValidationError) int {
		if r := rank(a) - rank(b); r != 0 {
			return r
		}
		return strings.Compare(strings.Join(a.InstanceLocation, "\x00"), strings.Join(b.InstanceLocation, "\x00"))
	})
	e := leaves[0]
	value, path := locate(args, e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf:
		var kinds []string
		for _, c := range e.Causes {
			kinds = append(kinds, kindsOf(c))
		}
		return &inputError{Field: path, Msg: "must be " + strings.Join(kinds, " or ") + ", got " + kindOf(value)}
	case *kind.AdditionalProperties:
		names := slices.Sorted(slices.Values(k.Properties))
		msg := "is not a known argument"
		if known := knownProperties(schema, args, e.InstanceLocation); known != "" {
			msg += " (known: " + known + ")"
		}
		return &inputError{Field: join(path, names[0]), Msg: msg}
	case *kind.Required:
		names := slices.Sorted(slices.Values(k.Missing))
		return &inputError{Field: join(path, names[0]), Msg: "is required but missing"}
	case *kind.Type:
		want := strings.Join(k.Want, " or ")
		article := "a "
		if strings.HasPrefix(want, "object") || strings.HasPrefix(want, "array") || strings.HasPrefix(want, "integer") {
			article = "an "
		}
		return &inputError{Field: path, Msg: "must be " + article + want + ", got " + kindOf(value)}
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		return &inputError{Field: path, Msg: fmt.Sprintf("%q is not one of %s", fmt.Sprint(value), strings.Join(want, ", "))}
	case *kind.MinLength:
		if k.Want == 1 {
			return &inputError{Field: path, Msg: "must not be empty"}
		}
		return &inputError{Field: path, Msg: fmt.Sprintf("is %d characters, at least %d needed", k.Got, k.Want)}
	case *kind.MaxLength:
		return &inputError{Field: path, Msg: fmt.Sprintf("is too long: %d characters, at most %d allowed", k.Got, k.Want)}
	case *kind.Minimum:
		return &inputError{Field: path, Msg: fmt.Sprintf("is %s, at least %s allowed", numberText(value), k.Want.RatString())}
	case *kind.Maximum:
		return &inputError{Field: path, Msg: fmt.Sprintf("is %s, at most %s allowed", numberText(value), k.Want.RatString())}
	case *kind.MinItems:
		return &inputError{Field: path, Msg: fmt.Sprintf("has %d items, at least %d needed", k.Got, k.Want)}
	case *kind.MaxItems:
		return &inputError{Field: path, Msg: fmt.Sprintf("has too many items: %d, at most %d allowed", k.Got, k.Want)}
	case *kind.UniqueItems:
		items, _ := value.([]any)
		j := k.Duplicates[1]
		var dup any
		if j < len(items) {
			dup = items[j]
		}
		return &inputError{Field: path + "[" + strconv.Itoa(j) + "]", Msg: fmt.Sprintf("repeats %v", dup)}
	case *kind.MaxProperties:
		return &inputError{Field: path, Msg: fmt.Sprintf("has too many entries: %d, at most %d allowed", k.Got, k.Want)}
	}
	return &inputError{Field: path, Msg: e.ErrorKind.LocalizedString(message.NewPrinter(language.English))}
}

// locate returns the value at loc in args and its path as messages write it
// (status[1], replies.ask).
func locate(args map[string]any, loc []string) (any, string) {
	var v any = args
	path := ""
	for _, tok := range loc {
		switch c := v.(type) {
		case map[string]any:
			v = c[tok]
			path = join(path, tok)
		case []any:
			i, _ := strconv.Atoi(tok)
			if i >= 0 && i < len(c) {
				v = c[i]
			}
			path += "[" + tok + "]"
		}
	}
	return v, path
}

// knownProperties lists, sorted, the properties the schema names for the
// object at loc.
func knownProperties(schema map[string]any, args map[string]any, loc []string) string {
	s := schema
	var v any = args
	for _, tok := range loc {
		switch c := v.(type) {
		case map[string]any:
			v = c[tok]
			props, _ := s["properties"].(map[string]any)
			next, _ := props[tok].(map[string]any)
			if next == nil {
				next, _ = s["additionalProperties"].(map[string]any)
			}
			s = next
		case []any:
			i, _ := strconv.Atoi(tok)
			if i >= 0 && i < len(c) {
				v = c[i]
			}
			s, _ = s["items"].(map[string]any)
		}
		if s == nil {
			return ""
		}
	}
	props, _ := s["properties"].(map[string]any)
	return strings.Join(sortedKeys(props), ", ")
}

// numberText is a JSON number as the caller wrote it (json.Number) or as
// mcp-go decoded it (float64).
func numberText(v any) string {
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case float64:
		return fmtNum(x)
	}
	return fmt.Sprint(v)
}

func kindOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			return "a number"
		}
		return "a number (" + x.String() + ")"
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return "a number (" + fmtNum(x) + ")"
		}
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func toStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// newTool makes a tool whose input schema is reflected from in, a pointer to
// the struct its handler binds the arguments into; opts set the rest
// (annotations, output schema). The returned inputSchema binds the calls.
func newTool(name, description string, in any, opts ...mcp.ToolOption) (mcp.Tool, inputSchema) {
	args := newInputSchema(in)
	tool := mcp.NewToolWithRawSchema(name, description, args.raw())
	for _, o := range opts {
		o(&tool)
	}
	return tool, args
}

// statusList and langList are list arguments that also take a single item
// on its own: assistants often send "complete" where ["complete"] is meant.
// The schema says so (anyOf a list or one item) and decoding makes the one
// item a list, so handlers always see a list.
type (
	statusList []string
	langList   []string
)

func (statusList) JSONSchema() *jsonschema.Schema {
	item := &jsonschema.Schema{Type: "string"}
	for _, s := range facesign.Statuses() {
		item.Enum = append(item.Enum, string(s))
	}
	return listOrOne(item, len(item.Enum))
}

func (langList) JSONSchema() *jsonschema.Schema {
	return listOrOne(&jsonschema.Schema{Type: "string", MaxLength: ptr(uint64(50))}, 20)
}

func listOrOne(item *jsonschema.Schema, maxItems int) *jsonschema.Schema {
	return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
		{Type: "array", Items: item, MaxItems: ptr(uint64(maxItems)), UniqueItems: true},
		item,
	}}
}

func (l *statusList) UnmarshalJSON(b []byte) error { return unmarshalListOrOne(b, (*[]string)(l)) }
func (l *langList) UnmarshalJSON(b []byte) error   { return unmarshalListOrOne(b, (*[]string)(l)) }

func unmarshalListOrOne(b []byte, dst *[]string) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*dst = []string{one}
		return nil
	}
	return json.Unmarshal(b, dst)
}

// wrongKind reports whether alternative e of an anyOf failed only because the
// value at loc is not of its type.
func wrongKind(e *santhosh.ValidationError, loc []string) bool {
	if _, ok := e.ErrorKind.(*kind.Type); ok && slices.Equal(e.InstanceLocation, loc) {
		return true
	}
	if len(e.Causes) == 1 {
		return wrongKind(e.Causes[0], loc)
	}
	return false
}

// kindsOf names what an anyOf alternative takes, from its type error
// ("an array of strings", "a string").
func kindsOf(e *santhosh.ValidationError) string {
	for e.ErrorKind != nil {
		if t, ok := e.ErrorKind.(*kind.Type); ok && len(t.Want) > 0 {
			w := t.Want[0]
			switch w {
			case "array":
				return "an array of strings"
			case "object", "integer":
				return "an " + w
			}
			return "a " + w
		}
		if len(e.Causes) != 1 {
			break
		}
		e = e.Causes[0]
	}
	return "another kind of value"
}

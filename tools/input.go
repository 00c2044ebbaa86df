package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/internal/jsondup"
)

// maxArgumentBytes bounds a whole tool call's arguments. The largest legitimate
// argument is a flow of maxFlowNodes nodes; anything far beyond that is a mistake
// (or an attack) and is refused before it is parsed further.
const maxArgumentBytes = 1 << 20

// inputError is a tool-call argument that breaks the tool's input schema. Its
// message names the field, so that the model can correct the call.
type inputError struct {
	Field string
	Msg   string
}

func (e *inputError) Error() string {
	if e.Field == "" {
		return "invalid arguments: " + e.Msg
	}
	return "invalid argument " + e.Field + ": " + e.Msg
}

// argBinder checks a call's arguments against a tool's declared input schema
// and decodes them into the handler's struct. The schema is the single source
// of truth: the same definition is published in tools/list, checked here and
// rendered into the README.
//
// This is the only validation pass. mcp-go can validate input schemas itself
// (server.WithInputSchemaValidation), but it re-marshals and re-decodes the
// arguments and the schema on every call and its messages are written for
// validators, not for models; NewServer leaves it off.
type argBinder struct {
	root *argSchema
}

// newArgBinder compiles tool's input schema once, when the tool is built.
func newArgBinder(tool mcp.Tool) argBinder {
	if len(tool.RawInputSchema) > 0 {
		var root map[string]any
		if err := json.Unmarshal(tool.RawInputSchema, &root); err == nil {
			return argBinder{root: compileSchema(root)}
		}
	}
	root := map[string]any{
		"type":       "object",
		"properties": tool.InputSchema.Properties,
	}
	if len(tool.InputSchema.Required) > 0 {
		root["required"] = tool.InputSchema.Required
	}
	if tool.InputSchema.AdditionalProperties != nil {
		root["additionalProperties"] = tool.InputSchema.AdditionalProperties
	}
	return argBinder{root: compileSchema(root)}
}

// bindArguments is newArgBinder(tool).bind(req, dst), for one-off use.
func bindArguments(req mcp.CallToolRequest, tool mcp.Tool, dst any) error {
	return newArgBinder(tool).bind(req, dst)
}

// bind validates req's arguments and decodes them into dst (a struct with
// json tags matching the schema). Errors are *inputError, naming the field.
func (b argBinder) bind(req mcp.CallToolRequest, dst any) error {
	raw, err := b.check(req)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		// The schema check above should make this unreachable; say which
		// argument anyway rather than leak a Go type name.
		var typeErr *json.UnmarshalTypeError
		if ok := asTypeError(err, &typeErr); ok {
			return &inputError{Field: typeErr.Field, Msg: "has the wrong type: expected " + typeErr.Type.Kind().String()}
		}
		return &inputError{Msg: err.Error()}
	}
	return nil
}

// check validates req's arguments and returns them as JSON.
func (b argBinder) check(req mcp.CallToolRequest) ([]byte, error) {
	raw, value, err := argumentsOf(req)
	if err != nil {
		return nil, err
	}
	obj, ok := value.(map[string]any)
	if !ok {
		return nil, &inputError{Msg: "arguments must be a JSON object, got " + kindOf(value)}
	}
	if err := checkValue("", obj, b.root); err != nil {
		return nil, err
	}
	return b.listsFromOne(raw, obj)
}

// argumentsOf returns the call's arguments as JSON and as a decoded value.
// A call that came over the wire carries both already: mcp-go keeps the raw
// bytes (RawArguments) and decodes them with encoding/json into Arguments, so
// that tree is reused rather than decoded a second time. Calls built in
// process (tests, Go callers) have Go values instead; those are encoded and
// decoded here so that checkValue only ever sees JSON's types.
func argumentsOf(req mcp.CallToolRequest) ([]byte, any, error) {
	raw, err := rawArguments(req)
	if err != nil {
		return nil, nil, err
	}
	if len(raw) > maxArgumentBytes {
		return nil, nil, &inputError{Msg: fmt.Sprintf("arguments are %d bytes, more than the %d allowed", len(raw), maxArgumentBytes)}
	}
	// mcp-go decoded the arguments with encoding/json, which keeps the last
	// of two equal keys without a word ({"flow":[],"flow":[…]}).
	if ptr, dup := jsondup.First(raw); dup {
		return nil, nil, &inputError{Field: strings.TrimPrefix(ptr, "/"), Msg: "appears twice in its object; give each key once (the second would silently replace the first)"}
	}
	if len(req.Params.RawArguments) > 0 {
		if m, ok := req.Params.Arguments.(map[string]any); ok {
			return raw, m, nil
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return nil, nil, &inputError{Msg: "arguments are not valid JSON: " + err.Error()}
	}
	return raw, value, nil
}

func asTypeError(err error, target **json.UnmarshalTypeError) bool {
	t, ok := err.(*json.UnmarshalTypeError)
	if ok {
		*target = t
	}
	return ok
}

func rawArguments(req mcp.CallToolRequest) ([]byte, error) {
	raw := req.Params.RawArguments
	if len(raw) == 0 {
		switch a := req.Params.Arguments.(type) {
		case nil:
		case json.RawMessage:
			raw = a
		default:
			b, err := json.Marshal(a)
			if err != nil {
				return nil, &inputError{Msg: "arguments cannot be encoded as JSON"}
			}
			raw = b
		}
	}
	// Absent and null arguments are no arguments: a Go client's nil map goes
	// out as "arguments": null, and a tool without required arguments (list_sessions)
	// must run for it as it does for {}.
	if t := bytes.TrimSpace(raw); len(t) == 0 || string(t) == "null" {
		return []byte("{}"), nil
	}
	return raw, nil
}

// argSchema is the subset of JSON Schema the tools use, compiled from the
// published schema maps: type, enum, minLength/maxLength, minimum/maximum,
// items, minItems/maxItems, uniqueItems, properties, required,
// additionalProperties and maxProperties. Other keywords (descriptions,
// titles, formats) are not checked. Absent bounds are -1.
type argSchema struct {
	typ                  string
	enum                 []string
	minLength, maxLength int
	minimum, maximum     float64
	hasMin, hasMax       bool
	minItems, maxItems   int
	uniqueItems          bool
	items                *argSchema
	props                map[string]*argSchema
	required             []string
	known                string // the property names, sorted, for "not a known argument"
	noExtra              bool   // additionalProperties: false
	extra                *argSchema
	maxProps             int
	// anyOf are alternatives; the value must match the one of its kind.
	anyOf []*argSchema
	// listOrOne marks a list that also takes a single item ({"anyOf":
	// [array of T, T]}, see sListOrOne); bind turns the item into a list.
	listOrOne bool
}

func compileSchema(m map[string]any) *argSchema {
	if m == nil {
		return nil
	}
	s := &argSchema{enum: toStrings(m["enum"]), required: toStrings(m["required"])}
	s.typ, _ = m["type"].(string)
	s.minLength = intOr(m, "minLength")
	s.maxLength = intOr(m, "maxLength")
	s.minItems = intOr(m, "minItems")
	s.maxItems = intOr(m, "maxItems")
	s.maxProps = intOr(m, "maxProperties")
	s.minimum, s.hasMin = numKeyword(m, "minimum")
	s.maximum, s.hasMax = numKeyword(m, "maximum")
	s.uniqueItems, _ = m["uniqueItems"].(bool)
	if items, ok := m["items"].(map[string]any); ok {
		s.items = compileSchema(items)
	}
	if props, ok := m["properties"].(map[string]any); ok {
		s.props = make(map[string]*argSchema, len(props))
		for name, p := range props {
			if ps, ok := p.(map[string]any); ok {
				s.props[name] = compileSchema(ps)
			}
		}
		s.known = strings.Join(sortedKeys(s.props), ", ")
	}
	switch ap := m["additionalProperties"].(type) {
	case bool:
		s.noExtra = !ap
	case map[string]any:
		s.extra = compileSchema(ap)
	}
	if alts, ok := m["anyOf"].([]any); ok {
		for _, a := range alts {
			if am, ok := a.(map[string]any); ok {
				s.anyOf = append(s.anyOf, compileSchema(am))
			}
		}
		s.listOrOne = len(s.anyOf) == 2 && s.anyOf[0].typ == "array" && s.anyOf[0].items != nil &&
			s.anyOf[0].items.typ != "" && s.anyOf[0].items.typ == s.anyOf[1].typ
	}
	return s
}

func intOr(m map[string]any, key string) int {
	if n, ok := intKeyword(m, key); ok {
		return n
	}
	return -1
}

// checkValue validates v, a decoded JSON value (numbers as json.Number or
// float64), against s.
func checkValue(path string, v any, s *argSchema) error {
	if s == nil {
		return nil
	}
	if len(s.anyOf) > 0 {
		return checkAnyOf(path, v, s.anyOf)
	}
	if s.typ != "" {
		if err := checkType(path, v, s.typ); err != nil {
			return err
		}
	}
	if len(s.enum) > 0 {
		str, _ := v.(string)
		if !slices.Contains(s.enum, str) {
			return &inputError{Field: path, Msg: fmt.Sprintf("%q is not one of %s", str, strings.Join(s.enum, ", "))}
		}
	}
	switch x := v.(type) {
	case string:
		if s.minLength < 0 && s.maxLength < 0 {
			return nil
		}
		n := utf8.RuneCountInString(x)
		if s.minLength >= 0 && n < s.minLength {
			if s.minLength == 1 {
				return &inputError{Field: path, Msg: "must not be empty"}
			}
			return &inputError{Field: path, Msg: fmt.Sprintf("is %d characters, at least %d needed", n, s.minLength)}
		}
		if s.maxLength >= 0 && n > s.maxLength {
			return &inputError{Field: path, Msg: fmt.Sprintf("is too long: %d characters, at most %d allowed", n, s.maxLength)}
		}
	case json.Number, float64:
		f, text := number(x)
		if s.hasMin && f < s.minimum {
			return &inputError{Field: path, Msg: fmt.Sprintf("is %s, at least %s allowed", text, fmtNum(s.minimum))}
		}
		if s.hasMax && f > s.maximum {
			return &inputError{Field: path, Msg: fmt.Sprintf("is %s, at most %s allowed", text, fmtNum(s.maximum))}
		}
	case []any:
		if s.minItems >= 0 && len(x) < s.minItems {
			return &inputError{Field: path, Msg: fmt.Sprintf("has %d items, at least %d needed", len(x), s.minItems)}
		}
		if s.maxItems >= 0 && len(x) > s.maxItems {
			return &inputError{Field: path, Msg: fmt.Sprintf("has too many items: %d, at most %d allowed", len(x), s.maxItems)}
		}
		if s.items != nil {
			for i, item := range x {
				if err := checkValue(path+"["+strconv.Itoa(i)+"]", item, s.items); err != nil {
					return err
				}
			}
		}
		if s.uniqueItems {
			seen := map[string]bool{}
			for i, item := range x {
				key := fmt.Sprint(item)
				if seen[key] {
					return &inputError{Field: path + "[" + strconv.Itoa(i) + "]", Msg: fmt.Sprintf("repeats %v", item)}
				}
				seen[key] = true
			}
		}
	case map[string]any:
		return checkObject(path, x, s)
	}
	return nil
}

// checkAnyOf checks v against the alternative of its kind; the error for a
// value of no listed kind names them all.
func checkAnyOf(path string, v any, alts []*argSchema) error {
	var kinds []string
	for _, a := range alts {
		if a.typ == "" || checkType(path, v, a.typ) == nil {
			return checkValue(path, v, a)
		}
		k := a.typ
		if a.typ == "array" && a.items != nil && a.items.typ != "" {
			k = "an array of " + a.items.typ + "s"
		} else {
			k = "a " + k
		}
		kinds = append(kinds, k)
	}
	return &inputError{Field: path, Msg: fmt.Sprintf("must be %s, got %s", strings.Join(kinds, " or "), kindOf(v))}
}

// listsFromOne turns, in the call's arguments, every single item given for
// a list-or-one argument into a one-item list, so that the handler always
// decodes a list. It returns raw unchanged when there is none.
func (b argBinder) listsFromOne(raw []byte, obj map[string]any) ([]byte, error) {
	if b.root == nil {
		return raw, nil
	}
	changed := false
	for name, ps := range b.root.props {
		v, ok := obj[name]
		if !ok || ps == nil || !ps.listOrOne {
			continue
		}
		if _, isList := v.([]any); isList || v == nil {
			continue
		}
		if !changed {
			obj = maps.Clone(obj) // the request's own map stays as sent
			changed = true
		}
		obj[name] = []any{v}
	}
	if !changed {
		return raw, nil
	}
	return json.Marshal(obj)
}

func checkObject(path string, obj map[string]any, s *argSchema) error {
	if len(s.props) == 0 && !s.noExtra && s.extra == nil && len(s.required) == 0 && s.maxProps < 0 {
		// Nothing constrains the entries (a flow node is just "an object"):
		// no need to look at them.
		return nil
	}
	names := sortedKeys(obj) // report the same field first on every run
	if s.noExtra {
		// An unknown name first: it is usually a misspelt known one
		// (session_id for sessionId), which "sessionId is missing" would hide.
		for _, name := range names {
			if _, ok := s.props[name]; !ok {
				msg := "is not a known argument"
				if s.known != "" {
					msg += " (known: " + s.known + ")"
				}
				return &inputError{Field: join(path, name), Msg: msg}
			}
		}
	}
	for _, name := range s.required {
		if _, ok := obj[name]; !ok {
			return &inputError{Field: join(path, name), Msg: "is required but missing"}
		}
	}
	if s.maxProps >= 0 && len(obj) > s.maxProps {
		return &inputError{Field: path, Msg: fmt.Sprintf("has too many entries: %d, at most %d allowed", len(obj), s.maxProps)}
	}
	for _, name := range names {
		value := obj[name]
		if ps, ok := s.props[name]; ok {
			if value == nil {
				// An explicit null for an optional field means "not given".
				if slices.Contains(s.required, name) {
					return &inputError{Field: join(path, name), Msg: "is required but null"}
				}
				continue
			}
			if err := checkValue(join(path, name), value, ps); err != nil {
				return err
			}
			continue
		}
		if s.extra != nil { // unknown names were refused above when noExtra
			if err := checkValue(join(path, name), value, s.extra); err != nil {
				return err
			}
		}
	}
	return nil
}

// number reads a JSON number as decoded by either path of argumentsOf, with
// its text for messages.
func number(v any) (float64, string) {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f, x.String()
	case float64:
		return x, fmtNum(x)
	}
	return 0, ""
}

func checkType(path string, v any, want string) error {
	ok := false
	switch want {
	case "string":
		_, ok = v.(string)
	case "boolean":
		_, ok = v.(bool)
	case "object":
		_, ok = v.(map[string]any)
	case "array":
		_, ok = v.([]any)
	case "number":
		switch v.(type) {
		case json.Number, float64:
			ok = true
		}
	case "integer":
		switch n := v.(type) {
		case json.Number:
			f, err := n.Float64()
			ok = err == nil && f == math.Trunc(f) && !math.IsInf(f, 0)
		case float64:
			ok = n == math.Trunc(n) && !math.IsInf(n, 0)
		}
	default:
		ok = true
	}
	if ok {
		return nil
	}
	article := "a "
	if want == "object" || want == "array" || want == "integer" {
		article = "an "
	}
	return &inputError{Field: path, Msg: "must be " + article + want + ", got " + kindOf(v)}
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
	case int:
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

func intKeyword(schema map[string]any, key string) (int, bool) {
	f, ok := numKeyword(schema, key)
	return int(f), ok
}

func numKeyword(schema map[string]any, key string) (float64, bool) {
	switch x := schema[key].(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// validateOtherTools gives tools that are not in toolset (a tool added to the
// server with AddTool after NewServer) the same single validation pass the
// FaceSign tools run in their handlers, so that no tool on this server
// receives arguments that break its schema. Each schema is compiled on first
// use and recompiled only when the tool is replaced.
func validateOtherTools(toolset []server.ServerTool) server.ToolHandlerMiddleware {
	own := make(map[string]bool, len(toolset))
	for _, t := range toolset {
		own[t.Tool.Name] = true
	}
	var mu sync.Mutex
	cache := map[string]compiledTool{}
	binderFor := func(t mcp.Tool) argBinder {
		id := schemaIdentity(t)
		mu.Lock()
		defer mu.Unlock()
		c, ok := cache[t.Name]
		if !ok || c.id != id {
			c = compiledTool{id: id, binder: newArgBinder(t)}
			cache[t.Name] = c
		}
		return c.binder
	}
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if own[req.Params.Name] {
				return next(ctx, req) // the handler validates as it binds
			}
			srv := server.ServerFromContext(ctx)
			if srv == nil {
				return next(ctx, req)
			}
			st := srv.GetTool(req.Params.Name)
			if st == nil {
				return next(ctx, req) // a session's own tool: not ours to check
			}
			if _, err := binderFor(st.Tool).check(req); err != nil {
				return mcp.NewToolResultError(err.Error()), nil
			}
			return next(ctx, req)
		}
	}
}

type compiledTool struct {
	id     schemaID
	binder argBinder
}

// schemaID tells one registration of a tool's input schema from another: the
// identity of its properties map (tools are replaced, not mutated, after
// registration) or of its raw schema bytes.
type schemaID struct {
	props uintptr
	raw   uintptr
	n     int
}

func schemaIdentity(t mcp.Tool) schemaID {
	id := schemaID{props: reflect.ValueOf(t.InputSchema.Properties).Pointer(), n: len(t.InputSchema.Required)}
	if len(t.RawInputSchema) > 0 {
		id.raw, id.n = reflect.ValueOf(t.RawInputSchema).Pointer(), len(t.RawInputSchema)
	}
	return id
}

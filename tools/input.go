package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"
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

// bindArguments checks a call's arguments against the tool's declared input
// schema and decodes them into dst (a struct with json tags matching the
// schema). The schema is the single source of truth: the same definition is
// published in tools/list, checked here and rendered into the README.
//
// mcp-go can validate input schemas itself (server.WithInputSchemaValidation),
// but its messages are written for validators, not for models, and the tools
// must refuse bad input even on a server built without that option.
func bindArguments(req mcp.CallToolRequest, tool mcp.Tool, dst any) error {
	raw, err := rawArguments(req)
	if err != nil {
		return err
	}
	if len(raw) > maxArgumentBytes {
		return &inputError{Msg: fmt.Sprintf("arguments are %d bytes, more than the %d allowed", len(raw), maxArgumentBytes)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return &inputError{Msg: "arguments are not valid JSON: " + err.Error()}
	}
	obj, ok := value.(map[string]any)
	if !ok {
		return &inputError{Msg: "arguments must be a JSON object, got " + kindOf(value)}
	}
	schema := map[string]any{
		"type":       "object",
		"properties": tool.InputSchema.Properties,
	}
	if len(tool.InputSchema.Required) > 0 {
		schema["required"] = tool.InputSchema.Required
	}
	if tool.InputSchema.AdditionalProperties != nil {
		schema["additionalProperties"] = tool.InputSchema.AdditionalProperties
	}
	if err := checkValue("", obj, schema); err != nil {
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

func asTypeError(err error, target **json.UnmarshalTypeError) bool {
	t, ok := err.(*json.UnmarshalTypeError)
	if ok {
		*target = t
	}
	return ok
}

func rawArguments(req mcp.CallToolRequest) ([]byte, error) {
	if len(req.Params.RawArguments) > 0 {
		return req.Params.RawArguments, nil
	}
	switch a := req.Params.Arguments.(type) {
	case nil:
		return []byte("{}"), nil
	case json.RawMessage:
		if len(bytes.TrimSpace(a)) == 0 {
			return []byte("{}"), nil
		}
		return a, nil
	default:
		b, err := json.Marshal(a)
		if err != nil {
			return nil, &inputError{Msg: "arguments cannot be encoded as JSON"}
		}
		return b, nil
	}
}

// checkValue validates v against the subset of JSON Schema the tools use:
// type, enum, minLength/maxLength, minimum/maximum, items, minItems/maxItems,
// uniqueItems, properties, required, additionalProperties and maxProperties.
// Unknown keywords are ignored (descriptions, titles, formats).
func checkValue(path string, v any, schema map[string]any) error {
	if schema == nil {
		return nil
	}
	if t, ok := schema["type"].(string); ok {
		if err := checkType(path, v, t); err != nil {
			return err
		}
	}
	if enum, ok := schema["enum"]; ok {
		values := toStrings(enum)
		s, _ := v.(string)
		if len(values) > 0 && !slices.Contains(values, s) {
			return &inputError{Field: path, Msg: fmt.Sprintf("%q is not one of %s", s, strings.Join(values, ", "))}
		}
	}
	switch x := v.(type) {
	case string:
		n := utf8.RuneCountInString(x)
		if m, ok := intKeyword(schema, "minLength"); ok && n < m {
			if m == 1 {
				return &inputError{Field: path, Msg: "must not be empty"}
			}
			return &inputError{Field: path, Msg: fmt.Sprintf("is %d characters, at least %d needed", n, m)}
		}
		if m, ok := intKeyword(schema, "maxLength"); ok && n > m {
			return &inputError{Field: path, Msg: fmt.Sprintf("is too long: %d characters, at most %d allowed", n, m)}
		}
	case json.Number:
		f, _ := x.Float64()
		if m, ok := numKeyword(schema, "minimum"); ok && f < m {
			return &inputError{Field: path, Msg: fmt.Sprintf("is %s, at least %s allowed", x, fmtNum(m))}
		}
		if m, ok := numKeyword(schema, "maximum"); ok && f > m {
			return &inputError{Field: path, Msg: fmt.Sprintf("is %s, at most %s allowed", x, fmtNum(m))}
		}
	case []any:
		if m, ok := intKeyword(schema, "minItems"); ok && len(x) < m {
			return &inputError{Field: path, Msg: fmt.Sprintf("has %d items, at least %d needed", len(x), m)}
		}
		if m, ok := intKeyword(schema, "maxItems"); ok && len(x) > m {
			return &inputError{Field: path, Msg: fmt.Sprintf("has too many items: %d, at most %d allowed", len(x), m)}
		}
		items, _ := schema["items"].(map[string]any)
		for i, item := range x {
			if err := checkValue(path+"["+strconv.Itoa(i)+"]", item, items); err != nil {
				return err
			}
		}
		if u, _ := schema["uniqueItems"].(bool); u {
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
		return checkObject(path, x, schema)
	}
	return nil
}

func checkObject(path string, obj map[string]any, schema map[string]any) error {
	props, _ := schema["properties"].(map[string]any)
	for _, name := range toStrings(schema["required"]) {
		if _, ok := obj[name]; !ok {
			return &inputError{Field: join(path, name), Msg: "is required but missing"}
		}
	}
	if m, ok := intKeyword(schema, "maxProperties"); ok && len(obj) > m {
		return &inputError{Field: path, Msg: fmt.Sprintf("has too many entries: %d, at most %d allowed", len(obj), m)}
	}
	names := make([]string, 0, len(obj))
	for name := range obj {
		names = append(names, name)
	}
	slices.Sort(names) // report the same field first on every run
	for _, name := range names {
		value := obj[name]
		if ps, ok := props[name].(map[string]any); ok {
			if value == nil {
				// An explicit null for an optional field means "not given".
				if slices.Contains(toStrings(schema["required"]), name) {
					return &inputError{Field: join(path, name), Msg: "is required but null"}
				}
				continue
			}
			if err := checkValue(join(path, name), value, ps); err != nil {
				return err
			}
			continue
		}
		switch ap := schema["additionalProperties"].(type) {
		case bool:
			if !ap {
				known := make([]string, 0, len(props))
				for k := range props {
					known = append(known, k)
				}
				slices.Sort(known)
				msg := "is not a known argument"
				if len(known) > 0 {
					msg += " (known: " + strings.Join(known, ", ") + ")"
				}
				return &inputError{Field: join(path, name), Msg: msg}
			}
		case map[string]any:
			if err := checkValue(join(path, name), value, ap); err != nil {
				return err
			}
		}
	}
	return nil
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
		_, ok = v.(json.Number)
	case "integer":
		if n, isNum := v.(json.Number); isNum {
			f, err := n.Float64()
			ok = err == nil && f == math.Trunc(f) && !math.IsInf(f, 0)
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
	case float64, int:
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

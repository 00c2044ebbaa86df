package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/jsondup"
)

// A strictBody is one kind of JSON object body the API decodes with
// decodeStrict: it words that body's errors.
type strictBody struct {
	// noun names the body in a message about a value it cannot hold.
	noun string
	// unknown words the message naming a key the body's type does not take.
	unknown func(unknownKey) string
}

// unknownKey is a key of a body that its Go type does not take.
type unknownKey struct {
	key    string   // as sent
	path   string   // its JSON pointer in the body
	parent string   // the pointer of the object holding it; "" at the top
	fields []string // the keys that object takes, in the type's order
}

// settingsBody words the errors of a create body, the session settings.
func settingsBody() strictBody {
	return strictBody{noun: "session settings", unknown: func(u unknownKey) string {
		where := "the session settings are "
		if u.parent != "" {
			where = dotted(u.parent) + " has "
		}
		return fmt.Sprintf("unknown field %q at %s: %s%s", truncate(u.key, 60), truncate(u.path, 100), where, strings.Join(u.fields, ", "))
	}}
}

// smallBody words the errors of a body with a few fields, called name in
// messages: `unknown field "x": the simulate body has outcomes, replies and inputs`.
func smallBody(noun, name string) strictBody {
	return strictBody{noun: noun, unknown: func(u unknownKey) string {
		where := name
		if u.parent != "" {
			where = dotted(u.parent)
		}
		return fmt.Sprintf("unknown field %q: %s has %s", truncate(u.key, 60), where, listFields(u.fields))
	}}
}

// dotted writes a JSON pointer the way messages name fields: customization.branding.
func dotted(pointer string) string {
	return strings.ReplaceAll(strings.TrimPrefix(pointer, "/"), "/", ".")
}

// listFields lists field names in prose: "only url", "outcomes, replies and inputs".
func listFields(names []string) string {
	switch len(names) {
	case 0:
		return "no fields"
	case 1:
		return "only " + names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// dataAfter refuses a body with anything but space after the JSON value
// that ended at offset n: a second object, or a stray character, is a broken
// request whose rest would otherwise be dropped unseen.
func dataAfter(body []byte, n int64) *apiError {
	if len(bytes.TrimSpace(body[min(n, int64(len(body))):])) > 0 {
		return badRequest("invalid_json", "the request body has data after its JSON object")
	}
	return nil
}

// maxNesting is how many levels of arrays and objects a strictly decoded body
// may nest; the settings themselves need fewer than 10. Without a bound, a
// flow node's unknown fields, kept verbatim, could store a session whose
// answers nest past encoding/json's own limit (10,000 levels), so that no
// client could read that session, or any list page holding it, again.
const maxNesting = 64

// tooDeep refuses a body whose arrays and objects nest more than maxNesting
// levels. It counts brackets in one pass over the bytes, skipping strings, so
// it runs before any decoder or walk meets the nesting.
func tooDeep(body []byte) *apiError {
	depth, inString := 0, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		if inString {
			switch c {
			case '\\':
				i++ // the escaped byte cannot end the string
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			if depth++; depth > maxNesting {
				return badRequest("invalid_json", fmt.Sprintf(
					"the request body is nested too deeply: arrays and objects may nest at most %d levels, and level %d opens at byte %d",
					maxNesting, depth, i+1))
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}

// decodeStrict decodes the JSON value at the start of body into v, refusing
// keys v's type does not take, and returns the offset just past that value
// (what follows is the caller's to judge, with dataAfter). A failure names the field: an
// unknown key by its JSON pointer, with the keys its object takes read from
// v's type, where encoding/json reports only the bare key. A body nested
// deeper than maxNesting is refused before it is decoded.
func decodeStrict(body []byte, v any, b strictBody) (int64, *apiError) {
	if ae := tooDeep(body); ae != nil {
		return 0, ae
	}
	// encoding/json would keep the last of two equal keys without a word.
	if ptr, dup := jsondup.First(body); dup {
		return 0, fieldError("duplicate_key", ptr, "the request body repeats the key at %s; each key may appear once in an object (a repeat would silently replace the first)", ptr)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return 0, b.decodeErr(body, reflect.TypeOf(v), err)
	}
	return dec.InputOffset(), nil
}

// decodeErr names the field a decoding error of body, decoded into a t, is about.
func (b strictBody) decodeErr(body []byte, t reflect.Type, err error) *apiError {
	var fe *flow.DecodeError
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &fe):
		return fieldError("invalid_flow", "/flow"+fe.Path, "flow%s: %s", fe.Path, fe.Msg)
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			return badRequest("invalid_body", fmt.Sprintf("expected %s, got a JSON %s", goTypeName(te.Type.String()), te.Value))
		}
		return fieldError("invalid_type", "/"+strings.ReplaceAll(field, ".", "/"),
			"%s: expected %s, got a JSON %s", field, goTypeName(te.Type.String()), te.Value)
	case errors.As(err, &se):
		return badRequest("invalid_json", fmt.Sprintf("the request body is not valid JSON: %s (at byte %d)", se.Error(), se.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("invalid_json", "the request body is truncated JSON")
	}
	msg := err.Error()
	if quoted, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if ae := b.unknownField(body, t, ""); ae != nil {
			return ae
		}
		// The walk found nothing the decoder did (it cannot happen with the
		// types decoded today): name the decoder's key at the top.
		key, err := strconv.Unquote(quoted)
		if err != nil {
			key = quoted
		}
		u := unknownKey{key: key, path: "/" + flow.EscapePointer(key), fields: jsonFields(t).names}
		return fieldError("unknown_field", u.path, "%s", b.unknown(u))
	}
	if strings.HasPrefix(msg, "status:") || strings.HasPrefix(msg, "timestamp:") {
		return badRequest("invalid_type", msg)
	}
	return badRequest("invalid_body", "the request body is not valid "+b.noun+": "+strings.TrimPrefix(msg, "json: "))
}

// unknownField finds the first key, in document order, that the struct type t
// does not take, looking inside nested objects (customization.branding), and
// names it by its full JSON pointer with the fields its object does take. It
// returns nil when every key is known or the body cannot be walked (the
// decoder's error then stands).
func (b strictBody) unknownField(obj []byte, t reflect.Type, path string) *apiError {
	fields := jsonFields(t)
	if fields.types == nil {
		return nil
	}
	return eachMember(obj, func(key string, v json.RawMessage) *apiError {
		p := path + "/" + flow.EscapePointer(key)
		ft, ok := fields.types[key]
		if !ok {
			// encoding/json matches keys case-insensitively, so a key differing
			// only in case is not unknown to it.
			for _, n := range fields.names {
				if strings.EqualFold(n, key) {
					ft, ok = fields.types[n], true
					break
				}
			}
		}
		if !ok {
			u := unknownKey{key: key, path: p, parent: path, fields: fields.names}
			return fieldError("unknown_field", p, "%s", b.unknown(u))
		}
		if len(v) > 0 && v[0] == '{' {
			return b.unknownField(v, ft, p)
		}
		return nil
	})
}

// structFields are the JSON keys a struct type takes.
type structFields struct {
	names []string                // in declaration order
	types map[string]reflect.Type // nil when the type is not a struct
}

// jsonFields reads the keys encoding/json decodes into t (or what t points
// to): each exported field by its json tag's name, or its Go name untagged,
// then the fields an untagged embedded struct promotes, which a field of the
// outer struct hides.
func jsonFields(t reflect.Type) structFields {
	t = deref(t)
	if t.Kind() != reflect.Struct {
		return structFields{}
	}
	sf := structFields{types: map[string]reflect.Type{}}
	sf.add(t)
	return sf
}

func (sf *structFields) add(t reflect.Type) {
	var embedded []reflect.Type
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && deref(f.Type).Kind() == reflect.Struct {
			embedded = append(embedded, deref(f.Type))
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, hidden := sf.types[name]; !hidden {
			sf.types[name] = f.Type
			sf.names = append(sf.names, name)
		}
	}
	for _, e := range embedded {
		sf.add(e)
	}
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

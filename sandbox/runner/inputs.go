package runner

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
)

// inputFields maps the JSON name of each of Inputs' fields to the field's index.
var inputFields = func() map[string]int {
	t := reflect.TypeFor[Inputs]()
	fields := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		fields[name] = i
	}
	return fields
}()

// inputKeys are the keys ParseInputs accepts, sorted, for error messages.
var inputKeys = slices.Sorted(maps.Keys(inputFields))

// enums are the values each choice key accepts.
var enums = map[string][]string{
	"liveness":     {"livenessDetected", "deepfakeDetected", "noFace", "inconclusive", "captureUnavailable"},
	"recognition":  {"auto", "recognized", "newUser", "noFace"},
	"documentScan": {"scanSuccess", "userCancelled", "scanTimeout"},
	"faceScan":     {"passed", "notPassed", "cancelled", "error"},
	"permissions":  {"granted", "denied"},
	"otpDelivery":  {"delivered", "failed"},
	"sex":          {"female", "male"},
}

// ParseInputs reads the simulate API's "inputs" object as encoding/json decodes
// it into a map (strings, float64 numbers, booleans, nil, []any, map[string]any;
// Go's integers, []string and map[string]string do too), refusing unknown keys,
// wrong types and values out of range with an error that names the key. It keeps
// encoding/json's rules, since the inputs used to go through it: keys match
// case-insensitively, null leaves a value unset, a number for otpDelaySeconds
// must be whole. Of several problems, a document field that is not text is
// reported first, then the first in key order.
func ParseInputs(raw map[string]any) (Inputs, error) {
	var in Inputs
	if len(raw) == 0 {
		return in, nil
	}
	fields := reflect.ValueOf(&in).Elem()
	var first error
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		name, ok := inputName(key)
		if !ok {
			if first == nil {
				first = fmt.Errorf("%w: inputs: unknown key %q (known keys: %s)", ErrBadInput, key, strings.Join(inputKeys, ", "))
			}
			continue
		}
		v := raw[key]
		err := setInput(fields.Field(inputFields[name]).Addr().Interface(), v, name)
		if _, object := v.(map[string]any); err != nil && name == "document" && object {
			return Inputs{}, err
		}
		if first == nil {
			first = err
		}
	}
	if first != nil {
		return Inputs{}, first
	}
	return in, in.Validate()
}

// inputName is the field name key stands for: itself, or the one it equals but
// for case.
func inputName(key string) (string, bool) {
	if _, ok := inputFields[key]; ok {
		return key, true
	}
	for name := range inputFields {
		if strings.EqualFold(name, key) {
			return name, true
		}
	}
	return "", false
}

// setInput stores the value v of the input name in the field p points at.
func setInput(p, v any, name string) error {
	if v == nil {
		// null clears a pointer, slice or map and leaves any other value as it is.
		switch p := p.(type) {
		case **string:
			*p = nil
		case **float64:
			*p = nil
		case **bool:
			*p = nil
		case *[]string:
			*p = nil
		case *map[string]string:
			*p = nil
		}
		return nil
	}
	switch p := p.(type) {
	case *string:
		s, ok := v.(string)
		if !ok {
			return typeError(name, "a string", jsonKind(v))
		}
		*p = s
	case **string:
		s, ok := v.(string)
		if !ok {
			return typeError(name, "a string", jsonKind(v))
		}
		*p = &s
	case **bool:
		b, ok := v.(bool)
		if !ok {
			return typeError(name, "a boolean", jsonKind(v))
		}
		*p = &b
	case *int:
		text, ok := numberText(v)
		if !ok {
			return typeError(name, "a whole number", jsonKind(v))
		}
		n, err := strconv.ParseInt(text, 10, 0)
		if err != nil {
			return typeError(name, "a whole number", "number "+text)
		}
		*p = int(n)
	case **float64:
		text, ok := numberText(v)
		if !ok {
			return typeError(name, "a number", jsonKind(v))
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return typeError(name, "a number", "number "+text)
		}
		*p = &f
	case *[]string:
		return setStrings(p, v, name)
	case *map[string]string:
		return setStringMap(p, v, name)
	default:
		return fmt.Errorf("%w: inputs.%s: the sandbox cannot read this key", ErrBadInput, name)
	}
	return nil
}

func setStrings(p *[]string, v any, name string) error {
	switch v := v.(type) {
	case []string:
		*p = slices.Clone(v)
	case []any:
		out := make([]string, len(v))
		for i, item := range v {
			if item == nil {
				continue // null in an array of strings is ""
			}
			s, ok := item.(string)
			if !ok {
				return typeError(name, "a string", jsonKind(item))
			}
			out[i] = s
		}
		*p = out
	default:
		return typeError(name, "an array of strings", jsonKind(v))
	}
	return nil
}

// setStringMap adds the fields of v to the map p points at (a key given twice,
// in two cases, adds to it as encoding/json does).
func setStringMap(p *map[string]string, v any, name string) error {
	switch v := v.(type) {
	case map[string]string:
		if *p == nil {
			*p = make(map[string]string, len(v))
		}
		maps.Copy(*p, v)
	case map[string]any:
		if *p == nil {
			*p = make(map[string]string, len(v))
		}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			s, ok := v[k].(string)
			if !ok {
				got, err := json.Marshal(v[k]) // the field as JSON, which the caller will recognise
				if err != nil {
					got = []byte(jsonKind(v[k]))
				}
				return fmt.Errorf("%w: inputs.%s.%s: expected a string, got %s", ErrBadInput, name, k, got)
			}
			(*p)[k] = s
		}
	default:
		return typeError(name, "an object of strings", jsonKind(v))
	}
	return nil
}

func typeError(name, want, got string) error {
	return fmt.Errorf("%w: inputs.%s: expected %s, got %s", ErrBadInput, name, want, got)
}

// isNumber says whether v is a Go number (reflect's kinds Int … Float64 are
// consecutive).
func isNumber(v any) bool {
	k := reflect.ValueOf(v).Kind()
	return k >= reflect.Int && k <= reflect.Float64
}

// numberText spells a number as encoding/json writes it; ok is false when v is
// not a number. Parsing this text keeps json's rules: 1e3 is a whole number,
// 1.5 and 1e21 are not.
func numberText(v any) (text string, ok bool) {
	if n, ok := v.(json.Number); ok {
		return n.String(), true
	}
	if !isNumber(v) {
		return "", false
	}
	b, err := json.Marshal(v)
	if err != nil { // NaN or an infinity, which JSON cannot carry
		return fmt.Sprint(v), true
	}
	return string(b), true
}

// jsonKind names v's JSON type as encoding/json's errors do.
func jsonKind(v any) string {
	if _, ok := v.(json.Number); ok || isNumber(v) {
		return "number"
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Invalid:
		return "null"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// Validate checks the values of the inputs; every problem names its key.
func (in Inputs) Validate() error {
	choices := map[string]string{
		"liveness": in.Liveness, "recognition": in.Recognition, "documentScan": in.DocumentScan,
		"faceScan": in.FaceScan, "permissions": in.Permissions, "otpDelivery": in.OTPDelivery, "sex": in.Sex,
	}
	for _, key := range slices.Sorted(maps.Keys(choices)) {
		v := choices[key]
		if v != "" && !slices.Contains(enums[key], v) {
			return fmt.Errorf("%w: inputs.%s is %q; it must be one of %s", ErrBadInput, key, v, strings.Join(enums[key], ", "))
		}
	}
	for key, v := range map[string]*float64{"faceSimilarity": in.FaceSimilarity, "recognitionSimilarity": in.RecognitionSimilarity} {
		if v != nil && (*v < 0 || *v > 1) {
			return fmt.Errorf("%w: inputs.%s is %v; it must be between 0 and 1", ErrBadInput, key, *v)
		}
	}
	if in.OTPDelaySeconds < 0 || in.OTPDelaySeconds > 86400 {
		return fmt.Errorf("%w: inputs.otpDelaySeconds is %d; it must be between 0 and 86400", ErrBadInput, in.OTPDelaySeconds)
	}
	if len(in.OTPCodes) > 100 {
		return fmt.Errorf("%w: inputs.otpCodes has %d codes; at most 100", ErrBadInput, len(in.OTPCodes))
	}
	return nil
}

// codeFor is the code simulate enters on attempt i (0-based): otpCodes in order,
// then otpCode, else nil (the correct code).
func (in Inputs) codeFor(i int) *string {
	if i < len(in.OTPCodes) {
		return &in.OTPCodes[i]
	}
	return in.OTPCode
}

// ParseSimulate turns the simulate API's body into a SimulateInput. Node ids and
// outcome names are checked against the flow by Run.
func ParseSimulate(req facesign.SimulateRequest) (SimulateInput, error) {
	in, err := ParseInputs(req.Inputs)
	if err != nil {
		return SimulateInput{}, err
	}
	return SimulateInput{Outcomes: maps.Clone(req.Outcomes), Replies: maps.Clone(req.Replies), Inputs: in}, nil
}

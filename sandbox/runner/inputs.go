package runner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
)

// inputKeys are the JSON names of Inputs' fields, sorted, for error messages.
var inputKeys = func() []string {
	t := reflect.TypeFor[Inputs]()
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	slices.Sort(keys)
	return keys
}()

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

// ParseInputs reads the simulate API's "inputs" object, refusing unknown keys,
// wrong types and values out of range with an error that names the key. The
// object arrives decoded into a map (the simulate body is decoded once, as a
// whole); it is encoded again and decoded strictly into Inputs, so that
// encoding/json's rules apply: keys match in any case, null leaves a value
// unset, 1e3 is a whole number. A call reads a few hundred bytes, once per
// simulate request, so the second pass is not worth a parser of our own.
func ParseInputs(raw map[string]any) (Inputs, error) {
	var in Inputs
	if len(raw) == 0 {
		return in, nil
	}
	if err := documentError(raw); err != nil {
		return in, err
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return in, fmt.Errorf("%w: inputs: %v", ErrBadInput, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return Inputs{}, inputError(err)
	}
	return in, in.Validate()
}

// documentError names the first document field that is not text, which
// encoding/json would report only as "document".
func documentError(raw map[string]any) error {
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		doc, ok := raw[key].(map[string]any)
		if !ok || !strings.EqualFold(key, "document") {
			continue
		}
		for _, field := range slices.Sorted(maps.Keys(doc)) {
			if _, ok := doc[field].(string); ok {
				continue
			}
			got, err := json.Marshal(doc[field]) // as the caller sent it
			if err != nil {
				got = []byte(fmt.Sprint(doc[field]))
			}
			return fmt.Errorf("%w: inputs.document.%s: expected a string, got %s", ErrBadInput, field, got)
		}
	}
	return nil
}

func inputError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%w: inputs.%s: expected %s, got %s", ErrBadInput, te.Field, jsonType(te.Type), te.Value)
	}
	msg := err.Error()
	if field, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return fmt.Errorf("%w: inputs: unknown key %s (known keys: %s)", ErrBadInput, field, strings.Join(inputKeys, ", "))
	}
	return fmt.Errorf("%w: inputs: %s", ErrBadInput, strings.TrimPrefix(msg, "json: "))
}

// jsonType names what a field of Inputs takes, in JSON's words.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Float64:
		return "a number"
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice:
		return "an array of strings"
	case reflect.Map:
		return "an object of strings"
	case reflect.Pointer:
		return jsonType(t.Elem())
	}
	return t.String()
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

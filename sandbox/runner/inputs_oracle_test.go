package runner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// oracleParseInputs is ParseInputs as it was before it parsed the map directly
// (JSON re-encoding, then two decodes). It stays as the oracle that the new
// parser must agree with.
//
// It reads the simulate API's "inputs" object, refusing unknown keys,
// wrong types and values out of range with an error that names the key.
func oracleParseInputs(raw map[string]any) (Inputs, error) {
	var in Inputs
	if len(raw) == 0 {
		return in, nil
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return in, fmt.Errorf("%w: inputs: %v", ErrBadInput, err)
	}
	return oracleDecodeInputs(data)
}

// oracleDecodeInputs reads inputs from JSON with ParseInputs' rules.
func oracleDecodeInputs(data []byte) (Inputs, error) {
	var in Inputs
	// Name the document field that is not text (encoding/json names only "document").
	var doc struct {
		Document map[string]json.RawMessage `json:"document"`
	}
	if json.Unmarshal(data, &doc) == nil {
		for _, k := range slices.Sorted(maps.Keys(doc.Document)) {
			if v := bytes.TrimSpace(doc.Document[k]); len(v) == 0 || v[0] != '"' {
				return Inputs{}, fmt.Errorf("%w: inputs.document.%s: expected a string, got %s", ErrBadInput, k, v)
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return Inputs{}, oracleInputError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Inputs{}, fmt.Errorf("%w: inputs: unexpected data after the object", ErrBadInput)
	}
	return in, in.Validate()
}

func oracleInputError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%w: inputs.%s: expected %s, got %s", ErrBadInput, te.Field, oracleJSONType(te.Type), te.Value)
	}
	msg := err.Error()
	if field, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return fmt.Errorf("%w: inputs: unknown key %s (known keys: %s)", ErrBadInput, field, strings.Join(inputKeys, ", "))
	}
	return fmt.Errorf("%w: inputs: %s", ErrBadInput, strings.TrimPrefix(msg, "json: "))
}

func oracleJSONType(t reflect.Type) string {
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
		return oracleJSONType(t.Elem())
	}
	return t.String()
}

// inputsCorpus is JSON that the simulate API may receive as "inputs": good
// values, every kind of wrong type, nulls, keys in other cases, several problems
// at once. ParseInputs must answer each as the oracle does.
var inputsCorpus = []string{
	`{}`, `{"liveness":"noFace"}`, `{"livenes":"x"}`, `{"faceSimilarity":"high"}`, `{"faceSimilarity":1.5}`,
	`{"faceSimilarity":0}`, `{"faceSimilarity":1e-7}`, `{"recognitionSimilarity":-0.1}`, `{"recognitionSimilarity":0.42}`,
	`{"liveness":"alive"}`, `{"permissions":true}`, `{"document":{"dateOfBirth":1990}}`, `{"document":{"a":"x","b":null}}`,
	`{"document":{"b":{"c":[1,"<&>"]}}}`, `{"document":"passport"}`, `{"document":[]}`, `{"document":{}}`, `{"document":{"x":"1","y":"2"}}`,
	`{"otpCodes":"123456"}`, `{"otpCodes":[1]}`, `{"otpCodes":["1",[]]}`, `{"otpCodes":[null,"1"]}`, `{"otpCodes":[]}`,
	`{"otpDelaySeconds":1.5}`, `{"otpDelaySeconds":1e21}`, `{"otpDelaySeconds":1e20}`, `{"otpDelaySeconds":-1}`, `{"otpDelaySeconds":1e3}`,
	`{"otpDelaySeconds":9223372036854775807}`, `{"otpDelaySeconds":-0}`, `{"otpDelaySeconds":86400}`, `{"otpDelaySeconds":86401}`,
	`{"otpDelaySeconds":"5"}`, `{"otpDelaySeconds":true}`, `{"otpDelaySeconds":{}}`, `{"livenessChallenge":"yes"}`, `{"livenessChallenge":1}`,
	`{"livenessChallenge":false}`, `{"name":5}`, `{"name":null}`, `{"name":""}`, `{"email":[]}`, `{"email":""}`, `{"faceSimilarity":{}}`,
	`{"faceSimilarity":[0.5]}`, `{"faceSimilarity":true}`, `{"LIVENESS":"noFace"}`, `{"OtpCodes":["9"],"otpCode":"1"}`, `{"otpcode":"1"}`,
	`{"a":1,"company":2}`, `{"company":2,"document":{"x":1}}`, `{"b":1,"a":2}`, `{"sex":"x","liveness":"y"}`, `{"sex":"male","recognition":"auto"}`,
	`{"faceSimilarity":0.5,"recognitionSimilarity":2}`, `{"reply":null,"otpDelaySeconds":null,"otpCodes":null,"document":null,"livenessChallenge":null}`,
	`{"\u212aey":1}`, `{"jobTitle":"CTO","company":"Acme","phone":"","enterEmail":"a@b.test","face":"face_1"}`,
	`{"documentScan":"scanTimeout","faceScan":"error","otpDelivery":"failed","permissions":"denied"}`, `{"documentScan":"x"}`,
	`{"faceScan":"x"}`, `{"permissions":"x"}`, `{"otpDelivery":"x"}`, `{"sex":"other"}`, `{"recognition":"yes"}`,
	`{"otpCodes":["1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1","1"]}`,
}

// checkAgainstOracle decodes data as the sandbox does and requires ParseInputs
// to agree with the oracle: the same verdict, the same inputs, the same message.
// With keys that are equal but for case ("document" and "Document"), which
// encoding/json merges in its own order, only the verdict and inputs must agree.
func checkAgainstOracle(t *testing.T, data []byte) {
	t.Helper()
	var raw map[string]any
	if json.Unmarshal(data, &raw) != nil {
		return
	}
	got, gotErr := ParseInputs(raw)
	want, wantErr := oracleParseInputs(raw)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%s: ParseInputs says %v, the oracle %v", data, gotErr, wantErr)
	}
	if gotErr != nil && !errors.Is(gotErr, ErrBadInput) {
		t.Fatalf("%s: %v is not ErrBadInput", data, gotErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: ParseInputs gives %+v, the oracle %+v", data, got, want)
	}
	if gotErr != nil && !foldDuplicates(raw) && gotErr.Error() != wantErr.Error() {
		t.Fatalf("%s: ParseInputs says\n  %v\nthe oracle\n  %v", data, gotErr, wantErr)
	}
}

func foldDuplicates(raw map[string]any) bool {
	keys := slices.Collect(maps.Keys(raw))
	for i, a := range keys {
		for _, b := range keys[i+1:] {
			if strings.EqualFold(a, b) {
				return true
			}
		}
	}
	return false
}

func TestParseInputsMatchesTheOracle(t *testing.T) {
	for _, doc := range inputsCorpus {
		checkAgainstOracle(t, []byte(doc))
	}
}

// FuzzParseInputs: for any JSON object, ParseInputs and the oracle agree.
func FuzzParseInputs(f *testing.F) {
	for _, doc := range inputsCorpus {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstOracle(t, data)
	})
}

// BenchmarkParseInputs compares ParseInputs with the oracle, side by side in
// one run, on a typical simulate "inputs" object as the sandbox decodes it.
func BenchmarkParseInputs(b *testing.B) {
	var raw map[string]any
	doc := `{"liveness":"livenessDetected","recognition":"auto","faceSimilarity":0.91,"email":"kim@shop.test",
		"document":{"dateOfBirth":"1990-04-12","country":"FRA"},"otpCodes":["000000","123456"],"otpDelaySeconds":30,"sex":"male"}`
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		b.Fatal(err)
	}
	for name, parse := range map[string]func(map[string]any) (Inputs, error){"ParseInputs": ParseInputs, "oracle": oracleParseInputs} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parse(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

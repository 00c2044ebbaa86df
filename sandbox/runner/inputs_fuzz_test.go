package runner

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// inputsCorpus is JSON that the simulate API may receive as "inputs": good
// values, every kind of wrong type, nulls, keys in other cases, several problems
// at once.
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

// checkInputs decodes data as the sandbox does and holds ParseInputs to its
// promises: it never panics, every refusal is ErrBadInput, and what it accepts
// is valid and reads back the same after a round trip through JSON.
func checkInputs(t *testing.T, data []byte) {
	t.Helper()
	var raw map[string]any
	if json.Unmarshal(data, &raw) != nil {
		return
	}
	in, err := ParseInputs(raw)
	if err != nil {
		if !errors.Is(err, ErrBadInput) {
			t.Fatalf("%s: %v is not ErrBadInput", data, err)
		}
		return
	}
	if err := in.Validate(); err != nil {
		t.Fatalf("%s: accepted inputs do not validate: %v", data, err)
	}
	again, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	var back map[string]any
	if err := json.Unmarshal(again, &back); err != nil {
		t.Fatalf("%s: %v", again, err)
	}
	in2, err := ParseInputs(back)
	if err != nil || !reflect.DeepEqual(withoutEmpty(in), withoutEmpty(in2)) {
		t.Fatalf("%s: read back from %s as %+v (%v), first %+v", data, again, in2, err, in)
	}
}

func TestParseInputsCorpus(t *testing.T) {
	for _, doc := range inputsCorpus {
		checkInputs(t, []byte(doc))
	}
}

// FuzzParseInputs: for any JSON object, ParseInputs keeps its promises (checkInputs).
func FuzzParseInputs(f *testing.F) {
	for _, doc := range inputsCorpus {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInputs(t, data)
	})
}

// withoutEmpty makes an empty document or code list nil: JSON's omitempty
// drops them, and the runner treats empty and absent alike.
func withoutEmpty(in Inputs) Inputs {
	if len(in.Document) == 0 {
		in.Document = nil
	}
	if len(in.OTPCodes) == 0 {
		in.OTPCodes = nil
	}
	return in
}

package flow

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzDecodeValidate: arbitrary bytes never panic Decode, Validate, or the paths;
// a decode error is one invalid_flow problem; whatever decodes
// re-encodes to a flow that decodes to the same flow (nothing lost or changed).
// Run: go test ./flowbuild/flow -run '^$' -fuzz FuzzDecodeValidate -fuzztime 30s
func FuzzDecodeValidate(f *testing.F) {
	valid, invalid, warn := fixtureFiles(f)
	for _, file := range append(append(valid, invalid...), warn...) {
		data, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(data)
	}
	for _, seed := range []string{
		``, `[]`, `{}`, `null`, `[null]`, `[{}]`, `{"nodes":[{"id":"a","type":"end"}]}`, `{"flow":7}`,
		`[{"id":"x","type":"weird","outcomes":[{"id":1}]}]`,
		`[{"id":"l","type":"liveness_detection","outcomes":{"a/b~c":"x","noFace":"y"},"extra":{"deep":[1,{"k":null}]}}]`,
		`[{"id":"v","type":"data_validation","validation":{"field":"age","action":"olderThan","value":18}}]`,
		`[{"id":"\u2028<&>","type":"conversation","prompt":"Say: \ud800","outcomes":[{"id":"","targetNodeId":"","condition":"\u0000"}]}]`,
		benchFlow20,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		flow, ps := ValidateJSON(data)
		fl, err := Decode(data)
		if err != nil {
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			require.Nil(t, flow)
			require.Len(t, ps, 1)
			require.Equal(t, CodeInvalidFlow, ps[0].Code)
			require.Equal(t, de.Path, ps[0].Path)
			return
		}
		require.Equal(t, Validate(fl), ps, "ValidateJSON and Validate agree")
		checkProblemShape(t, fl, ps)
		_, _ = SuccessPath(fl)
		_, _ = AllPaths(fl, 50, 0)

		enc, err := json.Marshal(fl)
		require.NoError(t, err)
		again, err := Decode(enc)
		require.NoError(t, err, "re-encoded flow does not decode: %s", enc)
		enc2, err := json.Marshal(again)
		require.NoError(t, err)
		assert.Equal(t, string(enc), string(enc2), "encoding is not stable")
		assert.Equal(t, fuzzNormalize(fl), fuzzNormalize(again))
	})
}

// fuzzNormalize erases differences that carry no meaning: how extra fields are
// spelled (encoding compacts them and escapes "&" as \u0026) and nil versus empty slices.
func fuzzNormalize(f Flow) Flow {
	f = f.Clone()
	for i := range f {
		n := &f[i]
		for k, v := range n.Extra {
			n.Extra[k] = canonicalJSON(v)
		}
		if len(n.Outcomes) == 0 {
			n.Outcomes = nil
		}
		if len(n.AllowedDocumentTypes) == 0 && n.AllowedDocumentTypes != nil {
			n.AllowedDocumentTypes = []string{}
		}
		if len(n.Extra) == 0 {
			n.Extra = nil
		}
	}
	return f
}

// canonicalJSON re-encodes a JSON value with sorted keys and one escaping style,
// keeping numbers exactly as written.
func canonicalJSON(raw []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return raw
	}
	out, err := json.Marshal(v)
	if err != nil {
		return raw
	}
	return out
}

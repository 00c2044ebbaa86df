package flow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// decodeBenchCases are the documents Decode is measured on: the 8-node wire-transfer
// sample (what validate_flow and the sandbox see most) and the 20-node flow that
// uses most node types and fields.
func decodeBenchCases(b *testing.B) []struct {
	name  string
	data  []byte
	nodes int
} {
	wire, err := os.ReadFile(filepath.Join("testdata", "flows", "wire-transfer.json"))
	require.NoError(b, err)
	return []struct {
		name  string
		data  []byte
		nodes int
	}{
		{"wire-transfer-8", wire, 8},
		{"flow-20", []byte(benchFlow20), 20},
	}
}

// BenchmarkDecode measures Decode, the hot path of validate_flow, get_session and the
// sandbox's create and get.
func BenchmarkDecode(b *testing.B) {
	for _, tc := range decodeBenchCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			f, err := Decode(tc.data)
			require.NoError(b, err)
			require.Len(b, f, tc.nodes)
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.data)))
			for b.Loop() {
				if _, err := Decode(tc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeOracle measures the previous map-based decoder (kept as the
// differential tests' reference), so before and after show in one run.
func BenchmarkDecodeOracle(b *testing.B) {
	for _, tc := range decodeBenchCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			f, err := oracleDecode(tc.data)
			require.NoError(b, err)
			require.Len(b, f, tc.nodes)
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.data)))
			for b.Loop() {
				if _, err := oracleDecode(tc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeStdlib is the yardstick: plain encoding/json of the same bytes into
// []map[string]any, which checks no flow rules and keeps no key order.
func BenchmarkDecodeStdlib(b *testing.B) {
	for _, tc := range decodeBenchCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			var v []map[string]any
			require.NoError(b, json.Unmarshal(tc.data, &v))
			require.Len(b, v, tc.nodes)
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.data)))
			for b.Loop() {
				var v []map[string]any
				if err := json.Unmarshal(tc.data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncode measures json.Marshal of a decoded flow, what get_session and
// the sandbox pay for every flow they send.
func BenchmarkEncode(b *testing.B) {
	for _, tc := range decodeBenchCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			f, err := Decode(tc.data)
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := json.Marshal(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

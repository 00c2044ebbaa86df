package runner

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/facesign/facesign-mcp/facesign"
)

// BenchmarkRunWireTransfer is simulate's engine work for the wire-transfer
// sample: create the state, run it to its end, build the report.
func BenchmarkRunWireTransfer(b *testing.B) {
	flow := sampleFlow(b, "wire-transfer")
	e := New(Config{Faces: &MemoryFaces{}})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		st, _, err := e.Start("sess_bench", facesign.Settings{Flow: flow})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Run(ctx, st, SimulateInput{}); err != nil {
			b.Fatal(err)
		}
		if st.Report() == nil {
			b.Fatal("no report")
		}
	}
}

// BenchmarkRunWireTransferSaved adds what the store does around it: the state
// loaded from JSON before the run and saved after.
func BenchmarkRunWireTransferSaved(b *testing.B) {
	flow := sampleFlow(b, "wire-transfer")
	e := New(Config{Faces: &MemoryFaces{}})
	st, _, err := e.Start("sess_bench", facesign.Settings{Flow: flow})
	if err != nil {
		b.Fatal(err)
	}
	saved, err := json.Marshal(st)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var st State
		if err := json.Unmarshal(saved, &st); err != nil {
			b.Fatal(err)
		}
		if _, err := e.Run(ctx, &st, SimulateInput{}); err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(&st); err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(st.Report()); err != nil {
			b.Fatal(err)
		}
	}
}

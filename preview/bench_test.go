package preview_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/preview"
)

// BenchmarkPreviewPage renders the preview page of a 200-node flow: cold (a
// new preview server, so the diagram is laid out again; the Graphviz engine
// of the process is already compiled) and cached (the same preview again).
func BenchmarkPreviewPage(b *testing.B) {
	c, err := facesign.New("sk_test_benchPreviewKey0000", facesign.WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    flow.Flow
	}{{"chain-200", diagram.Chain(200)}, {"dense-200", diagram.Dense(200)}} {
		setup := func(b *testing.B) string {
			pv := preview.New(preview.Config{Diagrams: diagram.NewRenderer(4)})
			b.Cleanup(func() {})
			p, err := pv.Create(preview.Spec{Client: c, Settings: facesign.Settings{Flow: tc.f}})
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(pv.Handler())
			b.Cleanup(srv.Close)
			return srv.URL + "/preview/" + p.ID
		}
		get := func(b *testing.B, url string) {
			resp, err := http.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatal(resp.Status)
			}
		}
		b.Run(tc.name+"/cold", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				url := setup(b)
				b.StartTimer()
				get(b, url)
			}
		})
		b.Run(tc.name+"/cached", func(b *testing.B) {
			url := setup(b)
			get(b, url)
			for b.Loop() {
				get(b, url)
			}
		})
	}
}

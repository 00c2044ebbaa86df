package diagram

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func sample(t testing.TB, name string) flow.Flow { return fixtureSample(t, name) }

// drawn is what an SVG says about a flow: its annotated nodes and edges.
type drawn struct {
	nodes map[string]string // data-node → data-type
	edges []string          // "from -outcome-> to"
	texts []string          // every <text>, in order
}

// readSVG parses svg as XML (so it must be well-formed) and collects the
// groups annotate marked.
func readSVG(t testing.TB, svg []byte) drawn {
	t.Helper()
	d := drawn{nodes: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			require.ErrorContains(t, err, "EOF")
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range el.Attr {
				attr[a.Name.Local] = a.Value
			}
			if el.Name.Local == "g" {
				if id, ok := attr["data-node"]; ok {
					_, dup := d.nodes[id]
					require.False(t, dup && attr["data-type"] != "end", "node %q drawn twice", id)
					d.nodes[id] = attr["data-type"]
				}
				if from, ok := attr["data-from"]; ok && attr["data-node"] == "" {
					d.edges = append(d.edges, from+" -"+attr["data-outcome"]+"-> "+attr["data-to"])
				}
			}
			inText = el.Name.Local == "text"
		case xml.CharData:
			if inText {
				d.texts = append(d.texts, string(el))
			}
		case xml.EndElement:
			inText = false
		}
	}
	return d
}

// wantOf is what a drawing of f must show: every node and every edge.
func wantOf(f flow.Flow) drawn {
	d := drawn{nodes: map[string]string{}}
	for i := range f {
		d.nodes[f[i].ID] = string(f[i].Type)
		for _, e := range f[i].Edges() {
			d.edges = append(d.edges, f[i].ID+" -"+e.ID+"-> "+e.Target)
		}
	}
	return d
}

func TestSVGGolden(t *testing.T) {
	r := NewRenderer(0)
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	for name, file := range map[string]string{
		"wire-transfer":    "wire-transfer.json",
		"account-recovery": "account-recovery.json",
		"onboarding":       "onboarding.json",
		"dangling-target":  "invalid/dangling-target.json",
		"unknown-type":     "invalid/unknown-type.json",
	} {
		t.Run(name, func(t *testing.T) {
			f := sample(t, file)
			svg, err := r.SVG(context.Background(), f)
			require.NoError(t, err)
			checkGolden(t, filepath.Join("svg", name+".svg"), string(svg))
		})
	}
}

// Every node (with its id and type) and every outcome edge of a flow is in
// its drawing, for the samples, a flow with hostile text, and 200-node flows.
func TestSVGShowsEveryNodeAndEdge(t *testing.T) {
	r := NewRenderer(0)
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	cases := map[string]flow.Flow{
		"wire-transfer":    sample(t, "wire-transfer.json"),
		"account-recovery": sample(t, "account-recovery.json"),
		"onboarding":       sample(t, "onboarding.json"),
		"dangling-target":  sample(t, "invalid/dangling-target.json"),
		"hostile": fixtureFlow(t, `[{"id":"start","type":"start","outcome":"a\"<b>&amp;\\N"},
		 {"id":"a\"<b>&amp;\\N","type":"conversation","prompt":"Say: </svg><script>alert(1)</script> \\G \"q\" ]]> -->","outcomes":[{"id":"yes\"<i>","targetNodeId":"end","condition":""},{"id":"x","targetNodeId":"gone<","condition":""}]},
		 {"id":"end","type":"end"}]`),
		"chain-200": Chain(200),
		"dense-200": Dense(200),
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			svg, err := r.SVG(context.Background(), f)
			require.NoError(t, err)
			got, want := readSVG(t, svg), wantOf(f)
			assert.Equal(t, want.nodes, got.nodes)
			assert.ElementsMatch(t, want.edges, got.edges)
			assert.NotContains(t, string(svg), "<script")
			assert.NotContains(t, string(svg), "<!--")
			assert.True(t, bytes.HasPrefix(svg, []byte("<svg")))
		})
	}
	t.Run("labels", func(t *testing.T) {
		f := cases["hostile"]
		svg, err := r.SVG(context.Background(), f)
		require.NoError(t, err)
		texts := strings.Join(readSVG(t, svg).texts, "\n")
		assert.Contains(t, texts, `a"<b>&amp;\N`, "the id is drawn as written, the backslash included")
		assert.Contains(t, texts, `yes"<i>`)
		assert.Contains(t, texts, `missing node “gone<”`)
	})
}

// Equal flows are laid out once; different ones each once; concurrent
// callers share the one engine without corrupting each other's drawings.
func TestSVGCacheAndConcurrency(t *testing.T) {
	r := NewRenderer(2)
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	ctx := context.Background()
	a, b, c := sample(t, "wire-transfer.json"), sample(t, "onboarding.json"), sample(t, "account-recovery.json")
	var wg sync.WaitGroup
	out := make([][]byte, 8)
	for i := range out {
		wg.Go(func() {
			f := a
			if i%2 == 1 {
				f = b
			}
			svg, err := r.SVG(ctx, f)
			assert.NoError(t, err)
			out[i] = svg
		})
	}
	wg.Wait()
	for i := range out {
		assert.Equal(t, out[i%2], out[i])
	}
	assert.Equal(t, 2, r.renders)
	_, err := r.SVG(ctx, c) // evicts the oldest of a and b
	require.NoError(t, err)
	_, err = r.SVG(ctx, a) // drawn again if it was a, else evicts b
	require.NoError(t, err)
	_, err = r.SVG(ctx, b) // certainly drawn again
	require.NoError(t, err)
	_, err = r.SVG(ctx, a)
	require.NoError(t, err)
	assert.Equal(t, 5, r.renders)

	// A caller whose context ends while another render holds the engine gives up.
	r.slot <- struct{}{}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = r.SVG(cctx, Chain(5))
	<-r.slot
	require.ErrorIs(t, err, context.Canceled)

	_, err = r.SVG(ctx, Chain(MaxSVGNodes+1))
	require.ErrorIs(t, err, ErrTooLarge)
}

// go-graphviz caches compiled code in $TMPDIR/go-graphviz; with this package
// linked, nothing is written to the TMPDIR the process started with, and that
// TMPDIR is back in place afterwards.
func TestNoCacheInSharedTemp(t *testing.T) {
	if os.Getenv("DIAGRAM_TMP_CHILD") == "1" {
		f := Chain(3)
		_, err := NewRenderer(0).SVG(context.Background(), f)
		require.NoError(t, err)
		fmt.Println("TMPDIR=" + os.Getenv("TMPDIR"))
		return
	}
	shared := t.TempDir()
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoCacheInSharedTemp$", "-test.v")
	cmd.Env = append(os.Environ(), "DIAGRAM_TMP_CHILD=1", "TMPDIR="+shared, "XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "TMPDIR="+shared+"\n")
	_, err = os.Stat(filepath.Join(shared, "go-graphviz"))
	assert.ErrorIs(t, err, os.ErrNotExist, "go-graphviz wrote its cache to the shared temporary directory")
	fi, err := os.Stat(filepath.Join(home, "cache", "facesign-mcp"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm())
}

package diagram

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/goccy/go-graphviz"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	// wasmcache's init runs before go-graphviz's (see its doc).
	"github.com/facesign/facesign-mcp/internal/wasmcache"
)

// go-graphviz has compiled its module by now (its init ran before this
// package's): give the process its TMPDIR back.
func init() { wasmcache.Restore() }

// MaxSVGNodes is the largest flow SVG draws; the tools accept at most 200
// nodes, and a larger graph would hold the one layout engine for seconds.
const MaxSVGNodes = 250

// ErrTooLarge is returned for a flow of more than MaxSVGNodes nodes.
var ErrTooLarge = errors.New("diagram: flow too large to draw")

// DOT writes the flow as a Graphviz digraph: one node per flow node (a short
// label with its id, type and what it says or checks), one edge per outcome
// labelled with the outcome, and a dashed red node per missing target. Graphviz
// ids are generated (n0, n1…, m0…), so no text of the flow can break the
// syntax; the flow's own ids are added to the SVG afterwards (see SVG).
func DOT(f flow.Flow) string {
	var b strings.Builder
	b.WriteString("digraph flow {\n")
	b.WriteString("  graph [rankdir=TB, nodesep=0.3, ranksep=0.45, fontname=\"Helvetica\", bgcolor=\"transparent\", pad=0.2, mclimit=0.5, nslimit=2, nslimit1=2, searchsize=20, id=\"fsflow\"];\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, margin=\"0.14,0.06\", penwidth=1.2];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7, penwidth=1.1, color=\"#64748b\", fontcolor=\"#334155\"];\n")
	if len(f) == 0 {
		b.WriteString("  empty [label=\"(empty flow)\", id=\"fsempty\"];\n}\n")
		return b.String()
	}
	index := make(map[string]int, len(f))
	for i := range f {
		if _, dup := index[f[i].ID]; !dup {
			index[f[i].ID] = i
		}
	}
	// An end node is drawn once per edge into it, next to its source: flows
	// end from everywhere, and one shared end drawn at the bottom makes every
	// such edge run the height of the graph, which costs dot quadratic time
	// (a 200-node chain took over a minute) and the reader a tangle.
	incoming := make([]int, len(f))
	for i := range f {
		for _, e := range f[i].Edges() {
			if to, ok := index[e.Target]; ok {
				incoming[to]++
			}
		}
	}
	for i := range f {
		n := &f[i]
		st := styleOf(n.Type)
		if n.Type == flow.TypeEnd && incoming[i] > 0 {
			continue // drawn once per edge into it, below
		}
		fmt.Fprintf(&b, "  n%d [id=\"fsn%d\", class=\"fsnode fs_%s\", shape=%s, fillcolor=%q, color=%q, label=%s];\n",
			i, i, st.class, st.shape, st.fill, st.stroke, dotString(svgLabel(n)))
	}
	missing := map[string]int{}
	var missingOrder []string
	for i := range f {
		for _, e := range f[i].Edges() {
			if _, ok := index[e.Target]; !ok {
				if _, seen := missing[e.Target]; !seen {
					missing[e.Target] = len(missingOrder)
					missingOrder = append(missingOrder, e.Target)
				}
			}
		}
	}
	for k, target := range missingOrder {
		label := "missing node “" + excerpt(target, 32) + "”"
		if target == "" {
			label = "no target"
		}
		fmt.Fprintf(&b, "  m%d [id=\"fsm%d\", class=\"fsmissing\", style=\"dashed,filled\", fillcolor=\"#fee2e2\", color=\"#dc2626\", label=%s];\n",
			k, k, dotString("⚠ "+label))
	}
	for i := range f {
		for k, e := range f[i].Edges() {
			dst := ""
			if to, ok := index[e.Target]; ok && f[to].Type == flow.TypeEnd {
				dst = "n" + strconv.Itoa(to) + "c" + strconv.Itoa(i) + "_" + strconv.Itoa(k)
				st := styleOf(flow.TypeEnd)
				fmt.Fprintf(&b, "  %s [id=\"fs%s\", class=\"fsnode fs_%s\", shape=%s, fillcolor=%q, color=%q, label=%s];\n",
					dst, dst, st.class, st.shape, st.fill, st.stroke, dotString(svgLabel(&f[to])))
			} else if ok {
				dst = "n" + strconv.Itoa(to)
			} else {
				dst = "m" + strconv.Itoa(missing[e.Target])
			}
			label := ""
			if f[i].Type != flow.TypeStart {
				label = ", label=" + dotString(excerpt(e.ID, 28))
			}
			fmt.Fprintf(&b, "  n%d -> %s [id=\"fse%d_%d\", class=\"fsedge\"%s];\n", i, dst, i, k, label)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

type nodeStyle struct{ class, shape, fill, stroke string }

// styleOf: ovals for start and end, boxes for what the avatar says, and a
// colour per kind of check so a large flow reads at a glance.
func styleOf(t flow.NodeType) nodeStyle {
	switch t {
	case flow.TypeStart:
		return nodeStyle{"start", "oval", "#e0f2fe", "#0284c7"}
	case flow.TypeEnd:
		return nodeStyle{"end", "oval", "#e2e8f0", "#475569"}
	case flow.TypeConversation:
		return nodeStyle{"conversation", "box", "#ffffff", "#64748b"}
	case flow.TypeLiveness, flow.TypeFaceScan, flow.TypeFaceCompare, flow.TypeRecognition:
		return nodeStyle{"face", "box", "#ede9fe", "#7c3aed"}
	case flow.TypeDocumentScan:
		return nodeStyle{"document", "box", "#fef3c7", "#d97706"}
	case flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS, flow.TypeEnterEmail:
		return nodeStyle{"otp", "box", "#dcfce7", "#16a34a"}
	case flow.TypeDataValidation:
		return nodeStyle{"rule", "box", "#fce7f3", "#db2777"}
	case flow.TypePermissions:
		return nodeStyle{"permissions", "box", "#f1f5f9", "#0f766e"}
	}
	return nodeStyle{"unknown", "box", "#fff7ed", "#ea580c"}
}

// svgLabel: the id, the type when it says something the id does not, and a
// short excerpt of what the node says or checks, one per line.
func svgLabel(n *flow.Node) string {
	id := n.ID
	if id == "" {
		id = "(no id)"
	}
	lines := []string{excerpt(id, 36)}
	if t := string(n.Type); t != n.ID {
		if t == "" {
			t = "(no type)"
		}
		lines = append(lines, "["+excerpt(t, 36)+"]")
	}
	if d := detail(n); d != "" {
		lines = append(lines, d)
	}
	return strings.Join(lines, "\n")
}

// detail is a short, type-specific excerpt of the node.
func detail(n *flow.Node) string {
	switch n.Type {
	case flow.TypeConversation:
		if p := strings.TrimSpace(n.Prompt); p != "" {
			return "“" + excerpt(p, 40) + "”"
		}
	case flow.TypeDocumentScan:
		if len(n.AllowedDocumentTypes) > 0 {
			return excerpt(strings.Join(n.AllowedDocumentTypes, ", "), 40)
		}
	case flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS:
		if n.OTPLength != nil {
			return strconv.Itoa(*n.OTPLength) + "-digit code"
		}
	case flow.TypeDataValidation:
		if v := n.Validation; v != nil {
			return excerpt(strings.TrimSpace(v.Field+" "+v.Action+" "+v.Value), 40)
		}
	}
	return ""
}

// excerpt cuts s to about max runes at a word boundary, on one line.
func excerpt(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if sp := strings.LastIndexByte(cut, ' '); sp > max/2 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// dotString quotes s for DOT: quotes and backslashes escaped (a backslash
// would otherwise start one of Graphviz's label escapes such as \N), & as an
// entity (Graphviz decodes entities in labels), lines
// joined with \n, control characters and invalid UTF-8 dropped.
func dotString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '&':
			b.WriteString("&amp;") // Graphviz reads entities in labels
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Renderer draws flows as SVG with Graphviz's dot. go-graphviz runs Graphviz
// as one WebAssembly module per process, which is not safe for concurrent
// use, so renders take turns (waiting callers give up with their context);
// each distinct flow is laid out once and then served from a bounded cache
// keyed by the flow's hash. The Graphviz context starts on the first render.
type Renderer struct {
	slot chan struct{} // one render at a time

	mu       sync.Mutex
	gv       *graphviz.Graphviz
	cache    map[[32]byte][]byte
	order    [][32]byte // insertion order, for eviction
	maxCache int
	renders  int // layouts actually run, for tests
}

// NewRenderer returns a renderer keeping up to maxCache drawings (64 when
// maxCache <= 0).
func NewRenderer(maxCache int) *Renderer {
	if maxCache <= 0 {
		maxCache = 64
	}
	return &Renderer{slot: make(chan struct{}, 1), cache: map[[32]byte][]byte{}, maxCache: maxCache}
}

// Close releases the Graphviz context, if one was started.
func (r *Renderer) Close() error {
	r.slot <- struct{}{}
	defer func() { <-r.slot }()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gv == nil {
		return nil
	}
	err := r.gv.Close()
	r.gv = nil
	return err
}

// Key is the hash a flow's drawing is cached under: the SHA-256 of its wire
// JSON, so equal flows share a drawing however they were built.
func Key(f flow.Flow) ([32]byte, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return [32]byte{}, fmt.Errorf("diagram: encode flow: %w", err)
	}
	return sha256.Sum256(raw), nil
}

// SVG returns the flow drawn as an inline <svg> element (no XML prolog). Each
// flow node is a <g class="node fsnode fs_KIND" data-node="ID"
// data-type="TYPE"> (an end node once per edge into it, with that edge's
// data-from and data-outcome, so it lights up with the edge), each outcome a
// <g class="edge fsedge" data-from="ID" data-outcome="OUTCOME" data-to="ID">,
// so a page can find and highlight them; their <title>s name them.
func (r *Renderer) SVG(ctx context.Context, f flow.Flow) ([]byte, error) {
	if len(f) > MaxSVGNodes {
		return nil, fmt.Errorf("%w: %d nodes (at most %d)", ErrTooLarge, len(f), MaxSVGNodes)
	}
	key, err := Key(f)
	if err != nil {
		return nil, err
	}
	if svg, ok := r.cached(key); ok {
		return svg, nil
	}
	select {
	case r.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("diagram: waiting to draw: %w", ctx.Err())
	}
	defer func() { <-r.slot }()
	if svg, ok := r.cached(key); ok { // drawn while we waited
		return svg, nil
	}
	raw, err := r.render(ctx, DOT(f))
	if err != nil {
		return nil, err
	}
	svg := annotate(raw, f)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.renders++
	if len(r.order) >= r.maxCache {
		delete(r.cache, r.order[0])
		r.order = r.order[1:]
	}
	r.cache[key] = svg
	r.order = append(r.order, key)
	return svg, nil
}

func (r *Renderer) cached(key [32]byte) ([]byte, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	svg, ok := r.cache[key]
	return svg, ok
}

// render lays out and draws DOT text; the caller holds the render slot. A
// trap inside the WebAssembly module surfaces as a panic, which is returned
// as an error rather than taking the server down.
func (r *Renderer) render(ctx context.Context, dot string) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("diagram: graphviz failed: %v", p)
		}
	}()
	r.mu.Lock()
	if r.gv == nil {
		gv, gerr := graphviz.New(ctx)
		if gerr != nil {
			r.mu.Unlock()
			return nil, fmt.Errorf("diagram: start graphviz: %w", gerr)
		}
		r.gv = gv
	}
	gv := r.gv
	r.mu.Unlock()
	g, err := graphviz.ParseBytes([]byte(dot))
	if err != nil {
		return nil, fmt.Errorf("diagram: graphviz parse: %w", err)
	}
	defer g.Close()
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("diagram: graphviz render: %w", err)
	}
	return buf.Bytes(), nil
}

var (
	nodeGroup = regexp.MustCompile(`<g id="fsn(\d+)((?:c\d+_\d+)?)" class="([^"]*)">\n<title>[^<]*</title>`)
	edgeGroup = regexp.MustCompile(`<g id="fse(\d+)_(\d+)" class="([^"]*)">\n<title>[^<]*</title>`)
)

// annotate trims Graphviz's prolog and comments and writes the flow's ids
// into the generated groups as data attributes, HTML-escaped.
func annotate(raw []byte, f flow.Flow) []byte {
	if i := bytes.Index(raw, []byte("<svg")); i >= 0 {
		raw = raw[i:]
	}
	raw = stripComments(raw)
	raw = nodeGroup.ReplaceAllFunc(raw, func(m []byte) []byte {
		sub := nodeGroup.FindSubmatch(m)
		i, _ := strconv.Atoi(string(sub[1]))
		if i >= len(f) {
			return m
		}
		id, typ := html.EscapeString(f[i].ID), html.EscapeString(string(f[i].Type))
		via := ""
		if len(sub[2]) > 0 { // an end node's copy: say which edge it ends
			var from, k int
			if _, err := fmt.Sscanf(string(sub[2]), "c%d_%d", &from, &k); err == nil && from < len(f) && k < len(f[from].Edges()) {
				via = fmt.Sprintf(" data-from=\"%s\" data-outcome=\"%s\"", html.EscapeString(f[from].ID), html.EscapeString(f[from].Edges()[k].ID))
			}
		}
		return fmt.Appendf(nil, "<g id=\"fsn%d%s\" class=\"%s\" data-node=\"%s\" data-type=\"%s\"%s>\n<title>%s (%s)</title>",
			i, sub[2], sub[3], id, typ, via, id, typ)
	})
	raw = edgeGroup.ReplaceAllFunc(raw, func(m []byte) []byte {
		sub := edgeGroup.FindSubmatch(m)
		i, _ := strconv.Atoi(string(sub[1]))
		k, _ := strconv.Atoi(string(sub[2]))
		if i >= len(f) || k >= len(f[i].Edges()) {
			return m
		}
		e := f[i].Edges()[k]
		from, out, to := html.EscapeString(f[i].ID), html.EscapeString(e.ID), html.EscapeString(e.Target)
		return fmt.Appendf(nil, "<g id=\"fse%d_%d\" class=\"%s\" data-from=\"%s\" data-outcome=\"%s\" data-to=\"%s\">\n<title>%s → %s → %s</title>",
			i, k, sub[3], from, out, to, from, out, to)
	})
	return raw
}

// stripComments drops <!-- … --> comments, in which Graphviz repeats node
// names and labels.
func stripComments(b []byte) []byte {
	var out bytes.Buffer
	for {
		i := bytes.Index(b, []byte("<!--"))
		if i < 0 {
			out.Write(b)
			return out.Bytes()
		}
		out.Write(b[:i])
		j := bytes.Index(b[i:], []byte("-->"))
		if j < 0 {
			return out.Bytes()
		}
		b = b[i+j+3:]
		// Drop the newline the comment stood on.
		b = bytes.TrimPrefix(b, []byte("\n"))
	}
}

// Package diagram draws flows: Mermaid text for chat clients and documents.
// Drawing lives apart from the flow model so that the cost of a layout engine
// is paid only by what draws.
package diagram

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Mermaid draws any flow, valid or not, as a Mermaid `flowchart TD`: one node per
// flow node (shape by type, label with id, type and a short excerpt), one edge per
// outcome labelled with its name, targets that do not exist drawn as red
// "missing" nodes, and the success path (as far as it goes) highlighted in green.
// Mermaid node ids are generated (n0, n1…, m0…), so nothing in the flow can break
// the syntax; user text in labels is entity-escaped.
func Mermaid(f flow.Flow) string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	if len(f) == 0 {
		b.WriteString("    empty[\"(empty flow)\"]\n")
		return b.String()
	}
	lookup := f.Indexer()

	onPath := make([]bool, len(f))
	pathEdge := make(map[[2]int]bool) // (node index, edge index) taken by the success path
	nodes, taken, _ := flow.SuccessWalk(f)
	for k, i := range nodes {
		onPath[i] = true
		if k < len(taken) {
			pathEdge[[2]int{i, taken[k]}] = true
		}
	}

	for i := range f {
		b.WriteString("    n")
		b.WriteString(strconv.Itoa(i))
		open, close := mermaidShape(f[i].Type)
		b.WriteString(open)
		b.WriteByte('"')
		b.WriteString(mermaidLabel(&f[i]))
		b.WriteByte('"')
		b.WriteString(close)
		b.WriteByte('\n')
	}

	// Missing targets: one red node per distinct id, in order of first mention.
	var missing []string
	missingAt := map[string]int{}
	for i := range f {
		for _, e := range f[i].Edges() {
			if e.Target == "" || lookup(e.Target) < 0 {
				if _, ok := missingAt[e.Target]; !ok {
					missingAt[e.Target] = len(missing)
					missing = append(missing, e.Target)
				}
			}
		}
	}
	for k, target := range missing {
		label := "missing node “" + escapeMermaid(labelExcerpt(target, 40)) + "”"
		if target == "" {
			label = "no target"
		}
		b.WriteString("    m" + strconv.Itoa(k) + "[\"⚠ " + label + "\"]:::missing\n")
	}
	missingID := func(target string) string { return "m" + strconv.Itoa(missingAt[target]) }

	var success []string
	edge := 0
	for i := range f {
		for k, e := range f[i].Edges() {
			to := -1
			if e.Target != "" {
				to = lookup(e.Target)
			}
			dst := ""
			if to >= 0 {
				dst = "n" + strconv.Itoa(to)
			} else {
				dst = missingID(e.Target)
			}
			b.WriteString("    n")
			b.WriteString(strconv.Itoa(i))
			if f[i].Type == flow.TypeStart {
				b.WriteString(" --> ")
			} else {
				b.WriteString(" -->|\"")
				b.WriteString(escapeMermaid(e.ID))
				b.WriteString("\"| ")
			}
			b.WriteString(dst)
			b.WriteByte('\n')
			if pathEdge[[2]int{i, k}] {
				success = append(success, strconv.Itoa(edge))
			}
			edge++
		}
	}

	b.WriteString("    classDef missing fill:#fee2e2,stroke:#dc2626,stroke-dasharray:4 3\n")
	b.WriteString("    classDef success stroke:#16a34a,stroke-width:3px\n")
	var pathNodes []string
	for i := range f {
		if onPath[i] {
			pathNodes = append(pathNodes, "n"+strconv.Itoa(i))
		}
	}
	if len(pathNodes) > 0 {
		b.WriteString("    class " + strings.Join(pathNodes, ",") + " success\n")
	}
	if len(success) > 0 {
		b.WriteString("    linkStyle " + strings.Join(success, ",") + " stroke:#16a34a,stroke-width:3px\n")
	}
	return b.String()
}

// mermaidShape: rounded ends for start and end, rectangles for what the avatar
// says, a rhombus for a rule on data, hexagons for checks, a parallelogram for an
// unknown type.
func mermaidShape(t flow.NodeType) (string, string) {
	switch t {
	case flow.TypeStart, flow.TypeEnd:
		return "([", "])"
	case flow.TypeConversation:
		return "[", "]"
	case flow.TypeDataValidation:
		return "{", "}"
	}
	if t.Known() {
		return "{{", "}}"
	}
	return "[/", "/]"
}

// mermaidLabel: the id, the type, and what the node says or checks, escaped.
func mermaidLabel(n *flow.Node) string {
	id := n.ID
	if id == "" {
		id = "(no id)"
	}
	lines := []string{"<b>" + escapeMermaid(labelExcerpt(id, 40)) + "</b>"}
	if n.Type != flow.TypeConversation && string(n.Type) != n.ID {
		t := string(n.Type)
		if t == "" {
			t = "(no type)"
		}
		lines = append(lines, "<i>"+escapeMermaid(labelExcerpt(t, 40))+"</i>")
	}
	if d := mermaidDetail(n); d != "" {
		lines = append(lines, escapeMermaid(d))
	}
	return strings.Join(lines, "<br/>")
}

// mermaidDetail is a short, type-specific excerpt for a diagram label.
func mermaidDetail(n *flow.Node) string {
	switch n.Type {
	case flow.TypeConversation:
		p := strings.TrimSpace(n.Prompt)
		if s := flow.SpokenText(p); s != p {
			return "says “" + labelExcerpt(s, 48) + "”"
		}
		if p == "" {
			return "(empty prompt)"
		}
		return "goal: " + labelExcerpt(p, 48)
	case flow.TypePermissions, flow.TypeEnterEmail:
		if p := strings.TrimSpace(n.Prompt); p != "" {
			return "“" + labelExcerpt(p, 48) + "”"
		}
	case flow.TypeDocumentScan:
		if len(n.AllowedDocumentTypes) > 0 {
			return labelExcerpt(strings.Join(n.AllowedDocumentTypes, ", "), 48)
		}
	case flow.TypeFaceCompare:
		src := func(s *flow.FaceSource) string {
			if s == nil {
				return "?"
			}
			return s.Source
		}
		return labelExcerpt(src(n.SourceA)+" vs "+src(n.SourceB), 48)
	case flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS:
		if n.OTPLength != nil {
			return strconv.Itoa(*n.OTPLength) + "-digit code"
		}
	case flow.TypeDataValidation:
		if v := n.Validation; v != nil {
			return labelExcerpt(strings.TrimSpace(v.Field+" "+v.Action+" "+v.Value), 48)
		}
	}
	return ""
}

// labelExcerpt cuts s to about max runes at a word boundary, on one line.
func labelExcerpt(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max]
	cut := string(r)
	if sp := strings.LastIndexByte(cut, ' '); sp > max/2 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// escapeMermaid makes text safe inside a quoted Mermaid label: quotes, brackets,
// pipes and markup characters become entity codes, control characters spaces.
// .ci/mermaid-check.sh renders the golden files with the real Mermaid to hold
// this to what Mermaid actually does.
func escapeMermaid(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '&':
			b.WriteString("#amp;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '\\':
			b.WriteString("#92;")
			// Mermaid draws a backslash followed by n as a line break in an HTML
			// label, entity or not ("C:\new" came out as "C:" over "ew"); an
			// invisible word joiner between the two keeps both on screen.
			if strings.HasPrefix(s[i+1:], "n") {
				b.WriteString("#8288;")
			}
		case '#', '[', ']', '{', '}', '(', ')', '|', '`', ';':
			b.WriteString("#" + strconv.Itoa(int(r)) + ";")
		default:
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

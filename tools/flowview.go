package tools

import (
	"fmt"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild"
)

// successPath follows, from start, each node's success outcome (a list node's
// first outcome) until an end, a dead end or a node already visited.
func successPath(f flowbuild.Flow) []flowbuild.Node {
	var path []flowbuild.Node
	seen := map[string]bool{}
	n := f.Start()
	for n != nil && !seen[n.ID] {
		seen[n.ID] = true
		path = append(path, *n)
		next := ""
		switch {
		case n.Type == flowbuild.TypeStart:
			next = n.Next
		case n.Type == flowbuild.TypeEnd:
		default:
			if info, ok := flowbuild.Info(n.Type); ok && info.Shape == flowbuild.ShapeMap {
				next, _ = n.Outcome(info.SuccessOutcome())
			} else if len(n.Outcomes) > 0 {
				next = n.Outcomes[0].Target
			}
		}
		if next == "" {
			break
		}
		n = f.Node(next)
	}
	return path
}

// flowMermaid draws the flow as a Mermaid flowchart with the success path's
// edges highlighted.
func flowMermaid(f flowbuild.Flow) string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	ids := map[string]string{}
	for i, n := range f {
		ids[n.ID] = fmt.Sprintf("n%d", i)
	}
	for i, n := range f {
		label := strings.NewReplacer(`"`, "'", "\n", " ").Replace(n.ID + "<br/>" + string(n.Type))
		open, close := "[", "]"
		switch n.Type {
		case flowbuild.TypeStart, flowbuild.TypeEnd:
			open, close = "([", "])"
		case flowbuild.TypeConversation:
			open, close = "(", ")"
		}
		fmt.Fprintf(&b, "  n%d%s\"%s\"%s\n", i, open, label, close)
	}
	onPath := map[[2]string]bool{}
	path := successPath(f)
	for i := 0; i+1 < len(path); i++ {
		onPath[[2]string{path[i].ID, path[i+1].ID}] = true
	}
	edge, highlighted := 0, []string{}
	for _, n := range f {
		for _, o := range n.Edges() {
			to, ok := ids[o.Target]
			if !ok {
				continue
			}
			label := o.ID
			if n.Type == flowbuild.TypeStart {
				label = ""
			}
			label = strings.NewReplacer(`"`, "'", "|", "/").Replace(label)
			if label != "" {
				fmt.Fprintf(&b, "  %s -->|\"%s\"| %s\n", ids[n.ID], label, to)
			} else {
				fmt.Fprintf(&b, "  %s --> %s\n", ids[n.ID], to)
			}
			if onPath[[2]string{n.ID, o.Target}] {
				highlighted = append(highlighted, fmt.Sprint(edge))
				delete(onPath, [2]string{n.ID, o.Target})
			}
			edge++
		}
	}
	if len(highlighted) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:#16a34a,stroke-width:3px\n", strings.Join(highlighted, ","))
	}
	return b.String()
}

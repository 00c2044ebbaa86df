package tools

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// The MCP Apps extension (SEP-1865): a tool names, in its definition's
// _meta.ui.resourceUri, a ui:// resource of MIME type text/html;profile=mcp-app
// that hosts supporting the extension render beside the tool's result.
const (
	// ExtensionApps is the MCP Apps extension's identifier.
	ExtensionApps = "io.modelcontextprotocol/ui"
	// uriSessionView is the one UI resource: read, it is the MCP session's
	// latest session (simulated, fetched or launched) rendered by the server;
	// framed by a host, it also shows whatever result the host passes on
	// (viewScript), since hosts may prefetch and cache UI resources.
	uriSessionView = "ui://facesign/session-view"
	mimeMCPApp     = "text/html;profile=mcp-app"
)

// appTools are the tools whose results the session view shows.
var appTools = map[string]bool{"launch_session_ui": true, "simulate_session": true, "get_session": true}

// clientHasApps reports whether the caller declared the MCP Apps extension:
// per request for 2026-07-28 clients, at initialize for earlier ones.
func clientHasApps(ctx context.Context) bool {
	var caps mcp.ClientCapabilities
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		if info.ClientCapabilities == nil {
			return false
		}
		caps = *info.ClientCapabilities
	} else {
		ci, ok := server.ClientSessionFromContext(ctx).(server.SessionWithClientInfo)
		if !ok {
			return false
		}
		caps = ci.GetClientCapabilities()
	}
	_, ok := caps.Extensions[ExtensionApps]
	return ok
}

// appToolFilter links the session tools to the session view, only for
// clients that declared the extension: the others list exactly the tools
// they always did.
func appToolFilter(ctx context.Context, tools []mcp.Tool) []mcp.Tool {
	if !clientHasApps(ctx) {
		return tools
	}
	out := make([]mcp.Tool, len(tools))
	for i, t := range tools {
		if appTools[t.Name] {
			fields := map[string]any{}
			if t.Meta != nil {
				for k, v := range t.Meta.AdditionalFields {
					fields[k] = v
				}
			}
			fields["ui"] = map[string]any{"resourceUri": uriSessionView}
			t.Meta = mcp.NewMetaFromMap(fields)
		}
		out[i] = t
	}
	return out
}

// appView is what the session view draws: a flow, and what one session of it
// did (nil for a preview just launched).
type appView struct {
	Title     string
	SessionID string
	Flow      flow.Flow
	Summary   *facesign.SessionSummary
	// Path is the path as the tool reported it (simulate_session's includes
	// the start and end nodes, a session's summary does not).
	Path       []facesign.PathStep
	PreviewURL string
}

// metaView is the key, in a tool result's _meta, of the view's body for
// hosts that cache the resource: its script puts the body of each result the
// host passes on (ui/notifications/tool-result) in place of the one it was
// read with.
const metaView = "io.facesign/sessionView"

// attachView keeps v as the MCP session's view and puts its body in res's
// _meta, when the caller renders MCP Apps; for other clients nothing is kept
// and res is left as it is.
func (d *Deps) attachView(ctx context.Context, res *mcp.CallToolResult, v appView) {
	if !clientHasApps(ctx) || res == nil || res.IsError {
		return
	}
	d.State(ctx).setView(v)
	body, err := d.viewBody(ctx, v)
	if err != nil {
		d.Logger.Warn("rendering the session view", "err", err)
		return
	}
	res.Meta = mcp.NewMetaFromMap(map[string]any{metaView: body})
}

func registerAppResources(s *server.MCPServer, d *Deps) {
	s.AddResource(mcp.NewResource(uriSessionView, "session-view",
		mcp.WithResourceTitle("FaceSign session view"),
		mcp.WithResourceDescription("MCP App: the flow's diagram with the path the latest session took, its verdict and each node's outcome (after simulate_session, get_session or launch_session_ui in this MCP session)."),
		mcp.WithMIMEType(mimeMCPApp)),
		func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			body := `<p>No session yet: simulate_session, get_session or launch_session_ui shows one here.</p>`
			if v, ok := d.State(ctx).view(); ok {
				var err error
				if body, err = d.viewBody(ctx, v); err != nil {
					return nil, err
				}
			}
			return []mcp.ResourceContents{mcp.TextResourceContents{URI: req.Params.URI, MIMEType: mimeMCPApp, Text: viewPage(body)}}, nil
		})
}

// viewScript is the MCP Apps handshake (ui/initialize, then
// ui/notifications/initialized) and the two things the page does with the
// bridge: show the body that comes with each tool result, so a host that
// prefetched or cached the resource still shows the latest session; and,
// when the host can open links (hostCapabilities.openLinks), ask it to open
// the full preview (ui/open-link), since a sandboxed frame may not open
// windows itself. Without a host (or without a body in the result) the page
// stays as the server rendered it and the link is a plain link.
const viewScript = `<script>(function(){var p=window.parent,links=false;if(!p||p===window)return;
addEventListener("message",function(e){var m=e.data;if(e.source!==p||!m||m.jsonrpc!=="2.0")return;
if(m.id===1&&m.result){links=!!(m.result.hostCapabilities&&m.result.hostCapabilities.openLinks);p.postMessage({jsonrpc:"2.0",method:"ui/notifications/initialized",params:{}},"*");}
if(m.id===2&&(m.error||m.result&&m.result.isError)){var n=document.getElementById("link-note");if(n)n.textContent="The host did not open it: copy the address.";}
var v=m.method==="ui/notifications/tool-result"&&m.params&&m.params._meta&&m.params._meta["` + metaView + `"];
if(typeof v==="string")document.getElementById("view").innerHTML=v;});
document.addEventListener("click",function(e){var a=e.target.closest&&e.target.closest("#open-preview");if(!a||!links)return;
e.preventDefault();p.postMessage({jsonrpc:"2.0",id:2,method:"ui/open-link",params:{url:a.href}},"*");});
p.postMessage({jsonrpc:"2.0",id:1,method:"ui/initialize",params:{protocolVersion:"2026-01-26",appInfo:{name:"facesign-session-view",version:"1"},appCapabilities:{}}},"*");})();</script>`

// viewPage wraps a view body in the one self-contained page: inline style,
// the SVG inline, one tiny inline script, nothing fetched, so it renders in a
// host's sandboxed frame.
func viewPage(body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>FaceSign session view</title><style>
body{font:14px/1.4 system-ui,sans-serif;margin:12px;color:#111}
h1{font-size:16px;margin:0 0 8px}
.verdict{display:inline-block;padding:2px 8px;border-radius:10px;font-weight:700;background:#e5e7eb}
.verdict.verified,.verdict.completed{background:#dcfce7;color:#166534}
.verdict.not_verified,.verdict.canceled{background:#fee2e2;color:#991b1b}
.diagram svg{max-width:100%;height:auto}
g.node.taken>path,g.node.taken>polygon,g.node.taken>ellipse{stroke:#16a34a;stroke-width:3}
g.edge.taken>path{stroke:#16a34a;stroke-width:2.5}
g.edge.taken>polygon{stroke:#16a34a;fill:#16a34a}
g.edge.taken>text{fill:#166534;font-weight:700}
table{border-collapse:collapse;margin-top:8px}td,th{border:1px solid #d1d5db;padding:3px 6px;text-align:left}
.failed{color:#991b1b;font-weight:700}
</style></head><body><main id="view">` + body + `</main>` + viewScript + `</body></html>`
}

// viewBody renders what the view shows of v, HTML-escaped.
func (d *Deps) viewBody(ctx context.Context, v appView) (string, error) {
	var svg []byte
	if len(v.Flow) > 0 {
		raw, err := d.Diagrams.SVG(ctx, v.Flow)
		if err != nil {
			return "", fmt.Errorf("drawing the flow: %w", err)
		}
		svg = markTaken(raw, v.Flow, v.Path)
	}
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, "<h1>%s</h1>", esc(v.Title))
	if s := v.Summary; s != nil {
		fmt.Fprintf(&b, `<p>Session <code id="session">%s</code>: %s, verdict <span id="verdict" class="verdict %s">%s</span></p>`,
			esc(v.SessionID), esc(s.Status), esc(string(s.Verdict)), esc(string(s.Verdict)))
		ids := make([]string, len(v.Path))
		for i, st := range v.Path {
			ids[i] = st.NodeID
		}
		fmt.Fprintf(&b, `<p id="path">Path: %s</p>`, esc(strings.Join(ids, " → ")))
	}
	if v.PreviewURL != "" {
		fmt.Fprintf(&b, `<p><a id="open-preview" href="%s" target="_blank" rel="noopener">Open the full preview</a> (the camera runs there) <span id="link-note" role="status"></span></p>`, esc(v.PreviewURL))
	}
	if len(svg) > 0 {
		b.WriteString(`<div class="diagram" role="img" aria-label="Flow diagram, path taken highlighted">`)
		b.Write(svg)
		b.WriteString(`</div>`)
	}
	if s := v.Summary; s != nil && len(s.Nodes) > 0 {
		b.WriteString(`<table id="nodes"><caption>Node outcomes</caption><tr><th>Node</th><th>Type</th><th>Outcome</th><th>Detail</th></tr>`)
		for _, n := range s.Nodes {
			cls := ""
			if !n.Success {
				cls = ` class="failed"`
			}
			fmt.Fprintf(&b, `<tr data-node="%s"><td>%s</td><td>%s</td><td%s>%s</td><td>%s</td></tr>`,
				esc(n.NodeID), esc(n.NodeID), esc(n.Type), cls, esc(n.Outcome), esc(n.Detail))
		}
		b.WriteString(`</table>`)
	}
	return b.String(), nil
}

// The groups flowbuild/diagram writes for nodes (an end node has one copy per
// edge into it, naming that edge) and edges, ids HTML-escaped.
var (
	svgNode = regexp.MustCompile(`class="(node[^"]*)" data-node="([^"]*)" data-type="[^"]*"(?: data-from="([^"]*)" data-outcome="([^"]*)")?`)
	svgEdge = regexp.MustCompile(`class="(edge[^"]*)" data-from="([^"]*)" data-outcome="([^"]*)"`)
)

// markTaken adds the class "taken" to the groups of the nodes and edges on
// the path. A step's edge is the outcome it names, or else the first edge to
// the next step (a start node's outcome is its target).
func markTaken(svg []byte, f flow.Flow, path []facesign.PathStep) []byte {
	if len(path) == 0 {
		return svg
	}
	type edge struct{ from, outcome string }
	nodes := map[string]bool{}
	edges := map[edge]bool{}
	for i, st := range path {
		nodes[html.EscapeString(st.NodeID)] = true
		n := f.Node(st.NodeID)
		if n == nil {
			continue
		}
		next := ""
		if i+1 < len(path) {
			next = path[i+1].NodeID
		}
		var pick *flow.Outcome
		for _, e := range n.Edges() {
			if e.ID == st.Outcome {
				pick = &e
				break
			}
			if pick == nil && next != "" && e.Target == next {
				pick = &e
			}
		}
		if pick != nil && (next == "" || pick.Target == next) {
			edges[edge{html.EscapeString(st.NodeID), html.EscapeString(pick.ID)}] = true
		}
	}
	svg = svgNode.ReplaceAllFunc(svg, func(m []byte) []byte {
		sub := svgNode.FindSubmatch(m)
		on := nodes[string(sub[2])]
		if on && len(sub[3]) > 0 { // an end node's copy: taken only by its own edge
			on = edges[edge{string(sub[3]), string(sub[4])}]
		}
		if !on {
			return m
		}
		return bytes.Replace(m, sub[1], append(append([]byte{}, sub[1]...), " taken"...), 1)
	})
	return svgEdge.ReplaceAllFunc(svg, func(m []byte) []byte {
		sub := svgEdge.FindSubmatch(m)
		if !edges[edge{string(sub[2]), string(sub[3])}] {
			return m
		}
		return bytes.Replace(m, sub[1], append(append([]byte{}, sub[1]...), " taken"...), 1)
	})
}

// summaryPath is a summary's path as steps: each node and the outcome it took.
func summaryPath(s facesign.SessionSummary) []facesign.PathStep {
	out := make([]facesign.PathStep, len(s.Nodes))
	for i, n := range s.Nodes {
		out[i] = facesign.PathStep{NodeID: n.NodeID, Type: flow.NodeType(n.Type), Outcome: n.Outcome}
	}
	return out
}

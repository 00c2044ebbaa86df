package tools

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// toolConstructor builds one tool and its handler from explicit dependencies,
// the github-mcp-server way: the definition and the code that serves it live
// side by side, and tests can build either without a server.
type toolConstructor func(d *Deps) (mcp.Tool, server.ToolHandlerFunc)

// toolConstructors lists every tool in the order tools/list and the README
// show them: key first, then flows, then sessions.
var toolConstructors = []toolConstructor{
	SetAPIKey,
	BuildFlow,
	ValidateFlow,
	LaunchSessionUI,
	GetSession,
	ListSessions,
	SimulateSession,
	ExportApp,
}

// Toolset returns every FaceSign tool with its handler bound to d.
func Toolset(d *Deps) []server.ServerTool {
	out := make([]server.ServerTool, 0, len(toolConstructors))
	for _, c := range toolConstructors {
		t, h := c(d)
		out = append(out, server.ServerTool{Tool: t, Handler: h})
	}
	return out
}

// resourceCompletions completes resource template arguments. Every resource
// is static (the recipes are listed one by one), so there is nothing to complete.
func resourceCompletions(d *Deps) server.ResourceCompletionProvider {
	return &server.DefaultResourceCompletionProvider{}
}

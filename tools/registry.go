package tools

import "github.com/mark3labs/mcp-go/server"

// OWNERSHIP: the server core put minimal versions of these functions here so
// that the package builds; tools-content owns this file from now on and
// replaces them with the real registrations (tools/keys.go, flows.go,
// sessions.go, resources.go, prompts.go). NewServer calls each exactly once.

// registerTools adds every FaceSign tool to s.
func registerTools(s *server.MCPServer, d *Deps) {}

// registerResources adds the node catalogue, flow schema, recipes and current
// flow resources to s.
func registerResources(s *server.MCPServer, d *Deps) {}

// registerPrompts adds one prompt per recipe to s.
func registerPrompts(s *server.MCPServer, d *Deps) {}

// promptCompletions completes prompt arguments (completion/complete).
func promptCompletions(d *Deps) server.PromptCompletionProvider {
	return &server.DefaultPromptCompletionProvider{}
}

// resourceCompletions completes resource template arguments.
func resourceCompletions(d *Deps) server.ResourceCompletionProvider {
	return &server.DefaultResourceCompletionProvider{}
}

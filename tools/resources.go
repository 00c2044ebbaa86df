package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/flowbuild/flow/flowschema"
)

// Resource URIs.
const (
	uriCatalog     = "facesign://catalog/nodes"
	uriFlowSchema  = "facesign://schema/flow"
	uriRecipes     = "facesign://recipes"
	uriCurrentFlow = "facesign://flow/current"
)

func recipeURI(slug string) string { return uriRecipes + "/" + slug }

// registerResources adds the node catalogue, the flow schema, the recipes and
// the session's current flow.
func registerResources(s *server.MCPServer, d *Deps) {
	s.AddResource(mcp.NewResource(uriCatalog, "node-catalog",
		mcp.WithResourceTitle("FaceSign node catalogue"),
		mcp.WithResourceDescription("Every FaceSign node type: what it does, when to use it, its fields and its outcomes (the first is the success outcome)."),
		mcp.WithMIMEType("text/markdown")),
		func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			return []mcp.ResourceContents{mcp.TextResourceContents{URI: req.Params.URI, MIMEType: "text/markdown", Text: catalogMarkdown()}}, nil
		})
	s.AddResource(mcp.NewResource(uriFlowSchema, "flow-schema",
		mcp.WithResourceTitle("FaceSign flow JSON Schema"),
		mcp.WithResourceDescription("JSON Schema (draft 2020-12) of a FaceSign flow: an array of nodes, each node's schema selected by its type, every field described."),
		mcp.WithMIMEType("application/schema+json")),
		func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			return []mcp.ResourceContents{mcp.TextResourceContents{URI: req.Params.URI, MIMEType: "application/schema+json", Text: string(flowschema.Schema())}}, nil
		})
	s.AddResource(mcp.NewResource(uriRecipes, "recipes",
		mcp.WithResourceTitle("FaceSign flow recipes"),
		mcp.WithResourceDescription("The use cases this server has recipes (and prompts) for, each with the description to build it from."),
		mcp.WithMIMEType("text/markdown")),
		func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			return []mcp.ResourceContents{mcp.TextResourceContents{URI: req.Params.URI, MIMEType: "text/markdown", Text: recipesMarkdown()}}, nil
		})
	for _, r := range recipes {
		s.AddResource(mcp.NewResource(recipeURI(r.Slug), "recipe-"+r.Slug,
			mcp.WithResourceTitle("Recipe: "+r.Title),
			mcp.WithResourceDescription(r.Summary),
			mcp.WithMIMEType("text/markdown")),
			func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
				return []mcp.ResourceContents{mcp.TextResourceContents{URI: req.Params.URI, MIMEType: "text/markdown", Text: recipeMarkdown(r)}}, nil
			})
	}
	s.AddResource(mcp.NewResource(uriCurrentFlow, "current-flow",
		mcp.WithResourceTitle("Current flow of this session"),
		mcp.WithResourceDescription("The flow build_flow last produced (or adopted) in this MCP session, as FaceSign JSON."),
		mcp.WithMIMEType("application/json")),
		func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			f := d.State(ctx).Flow()
			if f == nil {
				return nil, fmt.Errorf("%w: this session has no current flow yet; build one with the build_flow tool", server.ErrResourceNotFound)
			}
			b, err := json.MarshalIndent(f, "", "  ")
			if err != nil {
				return nil, fmt.Errorf("encoding the current flow: %w", err)
			}
			return []mcp.ResourceContents{mcp.TextResourceContents{URI: req.Params.URI, MIMEType: "application/json", Text: string(b)}}, nil
		})
}

func catalogMarkdown() string {
	var b strings.Builder
	b.WriteString("# FaceSign node types\n\nA flow is a JSON array of nodes; every node has `id` and `type`, and its outcomes are the edges. ")
	b.WriteString("Map outcomes are `{\"outcomeName\": \"targetNodeId\"}` with every listed name present; list outcomes are `[{\"id\", \"targetNodeId\", \"condition\"}]`, positive first.\n")
	for _, t := range flow.Catalog() {
		fmt.Fprintf(&b, "\n## `%s`\n\n%s\n\n- **Use when:** %s\n", t.Type, t.Summary, t.UseWhen)
		if len(t.Fields) > 0 {
			fmt.Fprintf(&b, "- **Fields:** %s\n", codeList(t.Fields))
		}
		switch t.Shape {
		case flow.ShapeMap:
			fmt.Fprintf(&b, "- **Outcomes (map, all required):** %s; success: `%s`\n", codeList(t.Outcomes), t.SuccessOutcome())
			if len(t.OptionalOutcomes) > 0 {
				fmt.Fprintf(&b, "- **Optional outcomes:** %s\n", codeList(t.OptionalOutcomes))
			}
		case flow.ShapeList:
			b.WriteString("- **Outcomes (list):** `[{\"id\", \"targetNodeId\", \"condition\"}]`; the first is the success outcome\n")
		default:
			if t.Type == flow.TypeStart {
				b.WriteString("- **Next node:** `outcome` (the first node's id)\n")
			} else {
				b.WriteString("- **Outcomes:** none\n")
			}
		}
		if t.VideoWork {
			b.WriteString("- Needs the user's face on camera: the avatar should speak a greeting of about 5 seconds before the first such node.\n")
		}
	}
	fmt.Fprintf(&b, "\nDocument types (`allowedDocumentTypes`): %s. Face sources (`face_compare`): %s.\n",
		codeList(flow.DocumentTypes()), codeList(flow.FaceSources()))
	return b.String()
}

func codeList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "`" + s + "`"
	}
	return strings.Join(out, ", ")
}

func recipesMarkdown() string {
	var b strings.Builder
	b.WriteString("# FaceSign flow recipes\n\nEach recipe has a prompt of the same name and a resource with its details. Build one with `build_flow` and the description shown.\n")
	for _, r := range recipes {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n- Prompt: `%s` (arguments: %s)\n- Resource: `%s`\n- Description: %s\n",
			r.Title, r.Summary, r.Prompt, r.argNames(), recipeURI(r.Slug), r.Describe(r.defaults()))
	}
	return b.String()
}

// recipeMarkdown details one recipe, with the flow built from its default
// description, so that the resource shows what build_flow will produce.
func recipeMarkdown(r recipe) string {
	var b strings.Builder
	desc := r.Describe(r.defaults())
	fmt.Fprintf(&b, "# %s\n\n%s\n\n## Prompt `%s`\n\n| argument | what | default | suggestions |\n|---|---|---|---|\n", r.Title, r.Summary, r.Prompt)
	for _, a := range r.Args {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", a.Name, a.Description, a.Default, strings.Join(a.Suggestions, ", "))
	}
	fmt.Fprintf(&b, "\n## Build it\n\nCall `build_flow` with:\n\n```json\n{\"description\": %q}\n```\n\nThen try the failure path with `simulate_session`: %s.\n", desc, r.FailureHint)
	res, err := flowbuild.Build(desc, flowbuild.Options{})
	if err != nil {
		fmt.Fprintf(&b, "\n(The flow builder could not build this description here: %v.)\n", err)
		return b.String()
	}
	fmt.Fprintf(&b, "\n## The flow it builds\n\n%s\n\n```mermaid\n%s```\n", res.Summary, diagram.Mermaid(res.Flow))
	if js, err := json.MarshalIndent(res.Flow, "", "  "); err == nil {
		fmt.Fprintf(&b, "\n```json\n%s\n```\n", js)
	}
	return b.String()
}

package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/preview"
)

// LaunchSessionUIOutput is launch_session_ui's structured result.
type LaunchSessionUIOutput struct {
	URL         string         `json:"url"`
	PreviewID   string         `json:"previewId"`
	ExpiresAt   string         `json:"expiresAt"`
	Environment string         `json:"environment"`
	Nodes       int            `json:"nodes"`
	Paths       int            `json:"paths"`
	Settings    map[string]any `json:"settings"`
	Warnings    []flow.Problem `json:"warnings"`
	Opened      bool           `json:"opened"`
	OpenNote    string         `json:"openNote"`
}

// LaunchSessionUI is the launch_session_ui tool: it registers the flow with
// the preview server and returns the page's URL, opening it in the user's
// browser on a desktop.
func LaunchSessionUI(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool := mcp.NewTool("launch_session_ui",
		mcp.WithDescription(`Open a local web page where the user runs a FaceSign flow themselves, with their camera and microphone: the flow as a diagram, a Start Session button (each click creates a new session with this session's key), the verification page embedded, the path lighting up live, the final report, the sessions run so far and which branches of the flow they covered (untried branches run without a camera in the sandbox).
Call it when the user wants to try, see or demo a flow ("let me try it", "show me the flow running").
flow defaults to the session's current flow; description builds one first. Invalid flows are refused with their problems. Needs an API key (set_api_key).
Returns the page's URL (give it to the user), how long it lives and what it runs. The server opens it in the user's browser when it runs on their desktop.
Next: tell the user to click Start Session; afterwards get_session with the session id shown on the page explains a run.`),
		withFlowArgument("The flow to run (array of FaceSign nodes). Omit it (and description) to use the session's current flow."),
		mcp.WithString("description", mcp.MaxLength(maxDescriptionChars),
			mcp.Description("Build the flow from this plain-English description instead of passing flow (as build_flow does); it becomes the current flow.")),
		mcp.WithString("avatarId", mcp.MaxLength(maxRefChars), mcp.Description("Avatar for the sessions (set_api_key lists them).")),
		mcp.WithArray("langs", mcp.MaxItems(20), mcp.Items(map[string]any{"type": "string", "maxLength": 16}),
			mcp.Description("Languages the user may choose, e.g. [\"en\", \"es\"].")),
		mcp.WithString("defaultLang", mcp.MaxLength(16), mcp.Description("The language sessions start in.")),
		mcp.WithString("zone", mcp.MaxLength(16), mcp.Description("Data residency zone, e.g. \"us\" or \"eu\".")),
		mcp.WithObject("metadata", mcp.MaxProperties(maxMapEntries),
			mcp.AdditionalProperties(map[string]any{"type": "string", "maxLength": maxMapValueChars}),
			mcp.Description("Key-value metadata stored on every session the page creates.")),
		mcp.WithString("clientReferenceId", mcp.MaxLength(maxRefChars), mcp.Description("Your reference stored on every session the page creates.")),
		mcp.WithObject("customization", mcp.MaxProperties(1),
			mcp.Properties(map[string]any{"branding": map[string]any{
				"type": "object", "additionalProperties": false, "maxProperties": 2,
				"properties": map[string]any{
					"primaryColor": map[string]any{"type": "string", "maxLength": 32, "description": "CSS colour, e.g. #4f46e5."},
					"logoUrl":      map[string]any{"type": "string", "maxLength": 2048, "description": "https URL of a logo."},
				},
			}}),
			mcp.AdditionalProperties(false),
			mcp.Description(`Branding of the verification page: {"branding": {"primaryColor": "#4f46e5", "logoUrl": "https://…"}}.`)),
		mcp.WithBoolean("openBrowser", mcp.Description("Open the page in the user's browser (default true; never in CI or without a display).")),
		strictInput(),
		withOutput(schema{
			"url":         sString("The preview page; give it to the user."),
			"previewId":   sString("The preview's id."),
			"expiresAt":   sTime("When the preview ends at the latest (it also ends with this MCP session)."),
			"environment": sEnum("Where sessions run.", "sandbox", "production"),
			"nodes":       sInt("Nodes in the flow."),
			"paths":       sInt("Complete paths through the flow (the page's branch coverage)."),
			"settings":    schema{"type": "object", "description": "The settings every session of the page runs with."},
			"warnings":    sArray("Where the flow goes against FaceSign's recommended patterns (it still runs).", problemSchema),
			"opened":      sBool("True when the page was opened in the user's browser."),
			"openNote":    sString("Why the page was or was not opened."),
		}, "url", "previewId", "expiresAt", "environment", "nodes", "paths", "settings", "warnings", "opened", "openNote"),
		// Not read-only: it registers a preview (and may set the current
		// flow). Not destructive. Not idempotent: each call makes a new
		// preview. Open world: its page calls the FaceSign API.
		annotations("Launch the session page", false, false, false, true),
	)
	args := newArgBinder(tool)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in struct {
			Flow              json.RawMessage         `json:"flow"`
			Description       string                  `json:"description"`
			AvatarID          string                  `json:"avatarId"`
			Langs             []string                `json:"langs"`
			DefaultLang       string                  `json:"defaultLang"`
			Zone              string                  `json:"zone"`
			Metadata          map[string]string       `json:"metadata"`
			ClientReferenceID string                  `json:"clientReferenceId"`
			Customization     *facesign.Customization `json:"customization"`
			OpenBrowser       *bool                   `json:"openBrowser"`
		}
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		if d.Previews == nil {
			return failure("This server serves no preview pages (it has no HTTP listener for them). Use simulate_session to run the flow without a browser."), nil
		}
		in.Description = strings.TrimSpace(in.Description)
		if hasValue(in.Flow) && in.Description != "" {
			return failure("Pass either flow or description, not both."), nil
		}
		st := d.State(ctx)
		var f flow.Flow
		switch {
		case hasValue(in.Flow):
			var err error
			if f, err = decodeFlowArgument(in.Flow); err != nil {
				return failure("%v. Pass the flow as a JSON array of nodes, or leave it out to use the current flow.", err), nil
			}
		case in.Description != "":
			built, err := flowbuild.Build(in.Description, flowbuild.Options{})
			if err != nil {
				return failure("Building a flow from the description failed: %v", err), nil
			}
			f = built.Flow
			st.SetFlow(f)
		default:
			if f = st.Flow(); f == nil {
				return failure("There is no flow to launch: pass one in flow, a description, or build one first with build_flow."), nil
			}
		}
		probs := flow.Validate(f)
		if flow.HasErrors(probs) {
			return failure("%s", renderProblemsFailure("The flow cannot be launched", probs)), nil
		}
		client, key, err := d.Client(ctx)
		if err != nil {
			return failure("%v", err), nil
		}
		settings := facesign.Settings{
			Flow: f, AvatarID: in.AvatarID, Langs: in.Langs, DefaultLang: in.DefaultLang, Zone: in.Zone,
			Metadata: in.Metadata, ClientReferenceID: in.ClientReferenceID, Customization: in.Customization,
		}
		p, err := d.Previews.Create(preview.Spec{Client: client, Settings: settings, Owner: st.ID()})
		if err != nil {
			return failure("The preview could not be made: %v", err), nil
		}
		base := strings.TrimRight(d.PreviewBaseURL, "/")
		out := LaunchSessionUIOutput{
			URL: base + "/preview/" + p.ID, PreviewID: p.ID, ExpiresAt: p.ExpiresAt.UTC().Format(time.RFC3339),
			Environment: string(key.Environment), Nodes: len(f), Paths: p.Branches(),
			Settings: settingsMap(settings), Warnings: problems(flow.Warnings(probs)),
		}
		open := in.OpenBrowser == nil || *in.OpenBrowser
		switch {
		case !open:
			out.OpenNote = "not opened: openBrowser was false"
		case d.OpenBrowser == nil:
			out.OpenNote = "not opened: this server does not open browsers (no desktop, CI, or --no-browser)"
		default:
			if err := d.OpenBrowser(out.URL); err != nil {
				d.Logger.Warn("opening the preview in a browser", "err", err)
				out.OpenNote = "not opened: the browser could not be started; open the URL yourself"
			} else {
				out.Opened, out.OpenNote = true, "opened in the default browser"
			}
		}
		res := result(out, renderLaunch(out, key, st.ID() != ""))
		res.Content = append(res.Content, mcp.NewResourceLink(out.URL, "FaceSign preview", "The page where the user runs the flow with their camera", "text/html"))
		return res, nil
	}
}

func settingsMap(s facesign.Settings) map[string]any {
	m := map[string]any{}
	raw, err := json.Marshal(s)
	if err == nil {
		_ = json.Unmarshal(raw, &m)
	}
	delete(m, "flow")
	return m
}

func renderLaunch(o LaunchSessionUIOutput, key KeyInfo, inSession bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Preview ready: %s\n", o.URL)
	if o.Opened {
		b.WriteString("It is open in the user's browser. ")
	} else {
		b.WriteString("Give the user this link (" + o.OpenNote + "). ")
	}
	fmt.Fprintf(&b, "The page runs the %d-node flow (%d complete paths) with the %s key %s: each Start Session click creates a new session.\n", o.Nodes, o.Paths, o.Environment, key.Redacted)
	if inSession {
		fmt.Fprintf(&b, "It lives until this MCP session ends or %s, whichever comes first.\n", o.ExpiresAt)
	} else {
		fmt.Fprintf(&b, "It lives until %s.\n", o.ExpiresAt)
	}
	if len(o.Warnings) > 0 {
		writeProblems(&b, "Warnings", o.Warnings)
	}
	return b.String()
}

package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/preview"
)

// LaunchSessionUIOutput is launch_session_ui's structured result.
type LaunchSessionUIOutput struct {
	URL         string         `json:"url" jsonschema_description:"The preview page; give it to the user."`
	PreviewID   string         `json:"previewId" jsonschema_description:"The preview's id."`
	ExpiresAt   string         `json:"expiresAt" jsonschema:"format=date-time" jsonschema_description:"When the preview ends at the latest (it also ends with this MCP session)."`
	Environment string         `json:"environment" jsonschema:"enum=sandbox,enum=production" jsonschema_description:"Where sessions run."`
	Nodes       int            `json:"nodes" jsonschema_description:"Nodes in the flow."`
	Paths       int            `json:"paths" jsonschema_description:"Complete paths through the flow (the page's branch coverage)."`
	Settings    map[string]any `json:"settings" jsonschema_description:"The settings every session of the page runs with."`
	Warnings    []flow.Problem `json:"warnings" jsonschema_description:"Where the flow goes against FaceSign's recommended patterns (it still runs)."`
	Opened      bool           `json:"opened" jsonschema_description:"True when the page was opened in the user's browser."`
	OpenNote    string         `json:"openNote" jsonschema_description:"Why the page was or was not opened."`
}

// launchSessionUIInput is launch_session_ui's arguments.
type launchSessionUIInput struct {
	Flow              flowJSON          `json:"flow,omitempty" jsonschema:"maxItems=200" jsonschema_description:"The flow to run (array of FaceSign nodes). Omit it (and description) to use the session's current flow."`
	Description       string            `json:"description,omitempty" jsonschema:"maxLength=4000" jsonschema_description:"Build the flow from this plain-English description instead of passing flow (as build_flow does); it becomes the current flow."`
	AvatarID          string            `json:"avatarId,omitempty" jsonschema:"maxLength=256" jsonschema_description:"Avatar id for the sessions (set_api_key lists them)."`
	Langs             langList          `json:"langs,omitempty" jsonschema_description:"Language ids the user may choose, e.g. [\"en\", \"es\"]. A single value may be given on its own."`
	DefaultLang       string            `json:"defaultLang,omitempty" jsonschema:"maxLength=16" jsonschema_description:"The language sessions start in."`
	Zone              string            `json:"zone,omitempty" jsonschema:"enum=es,enum=eu" jsonschema_description:"FaceSign data zone of the sessions the page creates (default es)."`
	Metadata          metadataMap       `json:"metadata,omitempty" jsonschema_description:"Key-value metadata stored on every session the page creates."`
	ClientReferenceID string            `json:"clientReferenceId,omitempty" jsonschema:"maxLength=256" jsonschema_description:"Your reference stored on every session the page creates."`
	Customization     *customizationArg `json:"customization,omitempty" jsonschema_description:"Branding of the verification page."`
	OpenBrowser       *bool             `json:"openBrowser,omitempty" jsonschema_description:"Open the page in the user's browser (default true; never in CI or without a display)."`
}

// metadataMap is session metadata: string values, bounded.
type metadataMap map[string]string

func (metadataMap) JSONSchema() *jsonschema.Schema {
	return boundedMap(&jsonschema.Schema{Type: "string", MaxLength: ptr(uint64(maxMapValueChars))})
}

type customizationArg struct {
	Branding *brandingArg `json:"branding,omitempty"`
}

// JSONSchema spells the object out, bounded (one property, closed).
func (customizationArg) JSONSchema() *jsonschema.Schema {
	branding := &jsonschema.Schema{Type: "object", MaxProperties: ptr(uint64(2)), AdditionalProperties: jsonschema.FalseSchema,
		Description: "Colours and logo of the verification page.", Properties: jsonschema.NewProperties()}
	branding.Properties.Set("primaryColor", &jsonschema.Schema{Type: "string", MaxLength: ptr(uint64(32)), Description: "CSS colour, e.g. #4f46e5."})
	branding.Properties.Set("logoUrl", &jsonschema.Schema{Type: "string", MaxLength: ptr(uint64(2048)), Description: "https URL of a logo."})
	s := &jsonschema.Schema{Type: "object", MaxProperties: ptr(uint64(1)), AdditionalProperties: jsonschema.FalseSchema, Properties: jsonschema.NewProperties()}
	s.Properties.Set("branding", branding)
	return s
}

type brandingArg struct {
	PrimaryColor string `json:"primaryColor,omitempty" jsonschema:"maxLength=32" jsonschema_description:"CSS colour, e.g. #4f46e5."`
	LogoURL      string `json:"logoUrl,omitempty" jsonschema:"maxLength=2048" jsonschema_description:"https URL of a logo."`
}

// LaunchSessionUI is the launch_session_ui tool: it registers the flow with
// the preview server and returns the page's URL, opening it in the user's
// browser on a desktop.
func LaunchSessionUI(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("launch_session_ui", `Open a local web page where the user runs a FaceSign flow themselves, with their camera and microphone: the flow as a diagram, a Start Session button (each click creates a new session with this session's key), the verification page embedded, the path lighting up live, the final report, the sessions run so far and which branches of the flow they covered (untried branches run without a camera in the sandbox).
Call it when the user wants to try, see or demo a flow ("let me try it", "show me the flow running").
flow defaults to the session's current flow; description builds one first. Invalid flows are refused with their problems. Needs an API key (set_api_key).
Returns the page's URL (give it to the user), how long it lives and what it runs. The server opens it in the user's browser when it runs on their desktop.
Next: tell the user to click Start Session; afterwards get_session with the session id shown on the page explains a run.`, &launchSessionUIInput{},
		withOutputOf(&LaunchSessionUIOutput{}),
		// Not read-only: it registers a preview (and may set the current
		// flow). Not destructive. Not idempotent: each call makes a new
		// preview. Open world: its page calls the FaceSign API.
		annotations("Launch the session page", false, false, false, true),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in launchSessionUIInput
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		if d.Previews == nil {
			return failure("This server serves no preview pages (it has no HTTP listener for them). Use simulate_session to run the flow without a browser."), nil
		}
		in.Description = strings.TrimSpace(in.Description)
		if hasValue(json.RawMessage(in.Flow)) && in.Description != "" {
			return failure("Pass either flow or description, not both."), nil
		}
		st := d.State(ctx)
		var f flow.Flow
		switch {
		case hasValue(json.RawMessage(in.Flow)):
			var err error
			if f, err = decodeFlowArgument(json.RawMessage(in.Flow)); err != nil {
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
			Metadata: in.Metadata, ClientReferenceID: in.ClientReferenceID,
		}
		if in.AvatarID == "" && len(in.Langs) == 0 && !hasValue(json.RawMessage(in.Flow)) && in.Description == "" {
			// The current flow's avatar and languages, as build_flow matched
			// them, go to every session the page creates, as simulate's do.
			st.Settings().apply(&settings)
		}
		if in.Customization != nil && in.Customization.Branding != nil {
			settings.Customization = &facesign.Customization{Branding: &facesign.Branding{
				PrimaryColor: in.Customization.Branding.PrimaryColor, LogoURL: in.Customization.Branding.LogoURL}}
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
		d.attachView(ctx, res, appView{Title: "FaceSign preview: " + strconv.Itoa(len(f)) + " nodes, " + strconv.Itoa(out.Paths) + " paths", Flow: f, PreviewURL: out.URL})
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

package tools

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
)

// SetAPIKeyOutput is set_api_key's structured result.
type SetAPIKeyOutput struct {
	Environment facesign.Environment `json:"environment"`
	Key         string               `json:"key"`
	ServerURL   string               `json:"serverUrl"`
	Scope       string               `json:"scope"`
	Avatars     []facesign.Avatar    `json:"avatars"`
	Languages   []facesign.Lang      `json:"languages"`
}

const keyScope = "this MCP session only"

// SetAPIKey proves a FaceSign key against the API and keeps it for the calling
// MCP session.
func SetAPIKey(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool := mcp.NewTool("set_api_key",
		mcp.WithDescription(`Use a FaceSign API key for the rest of this conversation. Call it when the user gives you a key (sk_test_… for the offline sandbox, sk_prod_… or sk_live_… for FaceSign production) or when another tool says no key is set.
The key is checked for its form, then proven against the API (avatars and languages are fetched) before it is kept. It belongs to this MCP session alone: other clients of the same server never see or use it.
Returns the environment (sandbox or production), the key redacted to its prefix and last four characters, the API base URL, and the avatars and languages available to flows.
Next: offer to build a flow (build_flow), or list recent sessions (list_sessions). Never repeat the full key back to the user.`),
		mcp.WithString("apiKey", mcp.Required(), mcp.MinLength(1), mcp.MaxLength(256),
			mcp.Description("The FaceSign secret key: sk_test_… (sandbox) or sk_prod_…/sk_live_… (production). Just the key, without \"Bearer \".")),
		mcp.WithString("serverUrl", mcp.MaxLength(2048),
			mcp.Description("Optional FaceSign API base URL. Leave it out: sk_test_ keys then use the server's embedded sandbox and production keys https://api.facesign.ai.")),
		strictInput(),
		withOutput(schema{
			"environment": sEnum("Which FaceSign environment the key belongs to.", "sandbox", "production"),
			"key":         sString("The key redacted to its prefix and last four characters; the full key is never returned."),
			"serverUrl":   sString("The FaceSign API base URL the key is used against."),
			"scope":       sString("Who can use the key: always this MCP session only."),
			"avatars": sArray("Avatars the key's account can use in sessions.", sObject("", schema{
				"id":       sString("Avatar id (a session's avatarId)."),
				"name":     sString("Display name."),
				"gender":   sString("Avatar gender, when FaceSign says."),
				"imageUrl": sString("Portrait URL."),
			}, "id", "name")),
			"languages": sArray("Languages the avatar can speak (a session's langs).", sObject("", schema{
				"id":    sString("Language code (e.g. en)."),
				"title": sString("Language name."),
			}, "id", "title")),
		}, "environment", "key", "serverUrl", "scope", "avatars", "languages"),
		// Not read-only: it changes which key this session's later calls use.
		// Not destructive: replacing a key loses nothing. Idempotent: setting the
		// same key twice leaves the same state. Open world: it calls FaceSign.
		annotations("Set FaceSign API key", false, false, true, true),
	)
	args := newArgBinder(tool)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in struct {
			APIKey    string `json:"apiKey"`
			ServerURL string `json:"serverUrl"`
		}
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		key := strings.TrimSpace(in.APIKey)
		client, info, err := d.ClientFor(key, strings.TrimSpace(in.ServerURL), KeyFromSession)
		if err != nil {
			return failure("%v. Nothing was changed; call set_api_key again with the key exactly as the FaceSign dashboard shows it.", err), nil
		}
		avatars, langs, err := proveKey(ctx, client)
		if err != nil {
			return apiFailure("Checking the key "+info.Redacted+" against "+info.ServerURL, info, err), nil
		}
		d.State(ctx).SetKey(key, info.ServerURL)
		d.Logger.InfoContext(ctx, "api key set", "key", info.Redacted, "environment", info.Environment, "server_url", info.ServerURL)

		out := SetAPIKeyOutput{
			Environment: info.Environment,
			Key:         info.Redacted,
			ServerURL:   info.ServerURL,
			Scope:       keyScope,
			Avatars:     nonNil(avatars),
			Languages:   nonNil(langs),
		}
		return result(out, renderSetAPIKey(out)), nil
	}
}

// proveKey fetches avatars and languages at once: both prove the key, and both
// are what the user needs next.
func proveKey(ctx context.Context, c *facesign.Client) ([]facesign.Avatar, []facesign.Lang, error) {
	var (
		wg         sync.WaitGroup
		avatars    []facesign.Avatar
		langs      []facesign.Lang
		aErr, lErr error
	)
	wg.Add(2)
	go func() { defer wg.Done(); avatars, aErr = c.Avatars(ctx) }()
	go func() { defer wg.Done(); langs, lErr = c.Langs(ctx) }()
	wg.Wait()
	if err := errors.Join(aErr, lErr); err != nil {
		// Report one cause: both usually fail the same way (a bad key).
		if aErr != nil {
			return nil, nil, aErr
		}
		return nil, nil, lErr
	}
	return avatars, langs, nil
}

func renderSetAPIKey(o SetAPIKeyOutput) string {
	var b strings.Builder
	fmt.Fprintf(&b, "FaceSign key %s set for %s (%s environment, API %s).\n", o.Key, o.Scope, o.Environment, o.ServerURL)
	fmt.Fprintf(&b, "Avatars (%d):", len(o.Avatars))
	for _, a := range o.Avatars {
		fmt.Fprintf(&b, "\n- %s (%s)", a.Name, a.ID)
	}
	fmt.Fprintf(&b, "\nLanguages (%d): ", len(o.Languages))
	for i, l := range o.Languages {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", l.Title, l.ID)
	}
	return b.String()
}

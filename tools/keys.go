package tools

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
)

// SetAPIKeyOutput is set_api_key's structured result.
type SetAPIKeyOutput struct {
	Environment facesign.Environment `json:"environment" jsonschema:"enum=sandbox,enum=production" jsonschema_description:"Which FaceSign environment the key belongs to."`
	Key         string               `json:"key" jsonschema_description:"The key redacted to its prefix and last four characters; the full key is never returned."`
	ServerURL   string               `json:"serverUrl" jsonschema_description:"The FaceSign API base URL the key is used against."`
	Scope       string               `json:"scope" jsonschema_description:"Who can use the key: always this MCP session only."`
	Avatars     []facesign.Avatar    `json:"avatars" jsonschema_description:"Avatars the key's account can use in sessions."`
	Languages   []facesign.Lang      `json:"languages" jsonschema_description:"Languages the avatar can speak (a session's langs)."`
}

const keyScope = "this MCP session only"

// setAPIKeyInput is set_api_key's arguments.
type setAPIKeyInput struct {
	APIKey    string `json:"apiKey" jsonschema:"minLength=1,maxLength=256" jsonschema_description:"The FaceSign secret key: sk_test_… (sandbox) or sk_prod_…/sk_live_… (production). Just the key, without \"Bearer \"."`
	ServerURL string `json:"serverUrl,omitempty" jsonschema:"maxLength=2048" jsonschema_description:"Optional FaceSign API base URL. Leave it out: sk_test_ keys then use the server's embedded sandbox and production keys https://api.facesign.ai. A production key goes only to an https:// URL; loopback and private-network addresses only when the server was started with --allow-private-api; link-local and cloud-metadata addresses never."`
}

// SetAPIKey proves a FaceSign key against the API and keeps it for the calling
// MCP session.
func SetAPIKey(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("set_api_key", `Use a FaceSign API key for the rest of this conversation. Call it when the user gives you a key (sk_test_… for the offline sandbox, sk_prod_… or sk_live_… for FaceSign production) or when another tool says no key is set.
The key is checked for its form, then proven against the API (avatars and languages are fetched) before it is kept. It belongs to this MCP session alone: other clients of the same server never see or use it.
Returns the environment (sandbox or production), the key redacted to its prefix and last four characters, the API base URL, and the avatars and languages available to flows.
Next: offer to build a flow (build_flow), or list recent sessions (list_sessions). Never repeat the full key back to the user.`, &setAPIKeyInput{},
		withOutputOf(&SetAPIKeyOutput{}),
		// Not read-only: it changes which key this session's later calls use.
		// Not destructive: replacing a key loses nothing. Idempotent: setting the
		// same key twice leaves the same state. Open world: it calls FaceSign.
		annotations("Set FaceSign API key", false, false, true, true),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in setAPIKeyInput
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
			if d.isUserServerURL(info.ServerURL) {
				return unprovenServer(ctx, d, info, err), nil
			}
			return apiFailure("Checking the key "+info.Redacted+" against "+info.ServerURL, info, err), nil
		}
		if d.isUserServerURL(info.ServerURL) {
			avatars, langs = boundedAvatars(avatars), boundedLangs(langs)
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

// unprovenServer is set_api_key's answer when a serverUrl the user gave did
// not prove to be a FaceSign API. It is one message whatever happened:
// quoting the server's answer would let the tool read internal pages, and
// telling "connection refused" from "404" or "401" would let it map which
// ports of a host are open. The operator's log gets the cause.
func unprovenServer(ctx context.Context, d *Deps, info KeyInfo, err error) *mcp.CallToolResult {
	d.Logger.InfoContext(ctx, "set_api_key: serverUrl did not prove to be a FaceSign API",
		"server_url", facesign.RedactURL(info.ServerURL), "key", info.Redacted, "err", err)
	return failure("Checking the key %s against %s failed: that address did not answer as a FaceSign API "+
		"(no answer, or not FaceSign's answer to GET /avatars and /langs; the reason is not shown for addresses you name). "+
		"The key was not kept. Check serverUrl, or leave it out to use %s.", info.Redacted, info.ServerURL, defaultFor(d, info.Environment))
}

func defaultFor(d *Deps, env facesign.Environment) string {
	if env == facesign.EnvSandbox {
		return "the server's sandbox"
	}
	return d.ProductionURL
}

// isUserServerURL reports whether base is a serverUrl a user gave rather than
// one of the operator's.
func (d *Deps) isUserServerURL(base string) bool {
	return base != "" && base != d.SandboxURL && base != d.ProductionURL
}

// Bounds on what a user-named server may put into a tool result once it has
// answered like FaceSign: a list a person can read, and names, not pages.
const (
	maxShownItems = 100
	maxShownChars = 80
)

func boundedAvatars(in []facesign.Avatar) []facesign.Avatar {
	out := in[:min(len(in), maxShownItems)]
	for i := range out {
		out[i].ID, out[i].Name = plainText(out[i].ID), plainText(out[i].Name)
		out[i].Gender, out[i].ImageURL = plainText(out[i].Gender), plainText(out[i].ImageURL)
	}
	return out
}

func boundedLangs(in []facesign.Lang) []facesign.Lang {
	out := in[:min(len(in), maxShownItems)]
	for i := range out {
		out[i].ID, out[i].Title = plainText(out[i].ID), plainText(out[i].Title)
	}
	return out
}

// plainText keeps a short single line of printable text.
func plainText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, s)
	if r := []rune(s); len(r) > maxShownChars {
		s = string(r[:maxShownChars]) + "…"
	}
	return s
}

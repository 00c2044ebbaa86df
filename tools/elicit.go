package tools

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// elicitationID keys build_flow's question form in a 2026-07-28 multi
// round-trip exchange (input_required result, then a retry with the answers).
const elicitationID = "build_flow_questions"

// elicitTimeout bounds how long build_flow waits for a person to fill in the
// form of a pre-2026 client; past it the questions are returned instead.
const elicitTimeout = 5 * time.Minute

// clientCanElicit reports whether the caller declared form elicitation:
// per request for 2026-07-28 clients, at initialize for earlier ones.
func clientCanElicit(ctx context.Context) bool {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		return info.ClientCapabilities != nil && info.ClientCapabilities.Elicitation != nil
	}
	sess := server.ClientSessionFromContext(ctx)
	if _, ok := sess.(server.SessionWithElicitation); !ok {
		return false
	}
	ci, ok := sess.(server.SessionWithClientInfo)
	return ok && ci.GetClientCapabilities().Elicitation != nil
}

// askQuestions asks the user the open questions in one form. It returns the
// answers (nil unless accepted and usable) and the elicitation status; or, for
// a 2026-07-28 client that has not answered yet, the input_required result to
// send back.
func (d *Deps) askQuestions(ctx context.Context, req mcp.CallToolRequest, open []flowbuild.Question) (*FlowSettings, string, *mcp.CallToolResult) {
	if answer := server.ElicitationResponse(req.Params.InputResponses, elicitationID); answer != nil {
		return d.readAnswers(ctx, answer)
	}
	if !clientCanElicit(ctx) {
		return nil, elicitUnsupported, nil
	}
	avatars, langs := d.choices(ctx)
	params := questionForm(open, avatars, langs)
	if server.IsModernRequest(ctx) {
		return nil, "", server.NewInputRequestBuilder("").Elicit(elicitationID, params).ToolResult()
	}
	srv := server.ServerFromContext(ctx)
	if srv == nil {
		return nil, elicitUnsupported, nil
	}
	ectx, cancel := context.WithTimeout(ctx, elicitTimeout)
	defer cancel()
	res, err := srv.RequestElicitation(ectx, mcp.ElicitationRequest{
		Request: mcp.Request{Method: string(mcp.MethodElicitationCreate)},
		Params:  params,
	})
	if err != nil {
		d.Logger.WarnContext(ctx, "build_flow: elicitation failed; returning the questions instead", "error", err)
		return nil, elicitFailed, nil
	}
	return d.readAnswers(ctx, res)
}

// choices lists avatars and languages when the session has a working key, so
// the form can offer them; without one the fields are free text.
func (d *Deps) choices(ctx context.Context) ([]facesign.Avatar, []facesign.Lang) {
	client, _, err := d.Client(ctx)
	if err != nil {
		return nil, nil
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	avatars, langs, err := proveKey(cctx, client)
	if err != nil {
		return nil, nil
	}
	return avatars, langs
}

// questionForm is one elicitation form with a field per open question.
func questionForm(open []flowbuild.Question, avatars []facesign.Avatar, langs []facesign.Lang) mcp.ElicitationParams {
	props := schema{}
	var lines []string
	for _, q := range open {
		lines = append(lines, "- "+q.Text)
		switch questionKind(q) {
		case "avatarId":
			f := schema{"type": "string", "title": "Avatar", "description": q.Text}
			if len(avatars) > 0 {
				ids, names := make([]string, len(avatars)), make([]string, len(avatars))
				for i, a := range avatars {
					ids[i], names[i] = a.ID, a.Name
				}
				f["enum"], f["enumNames"] = ids, names
			} else if len(q.Options) > 0 {
				f["enum"] = q.Options
			}
			props["avatarId"] = f
		case "langs":
			desc := q.Text + " Language codes separated by commas, e.g. en, es."
			if len(langs) > 0 {
				codes := make([]string, len(langs))
				for i, l := range langs {
					codes[i] = l.ID
				}
				desc += " Available: " + strings.Join(codes, ", ") + "."
			}
			props["langs"] = schema{"type": "string", "title": "Languages", "description": desc, "maxLength": 200}
		case "onFailure":
			f := schema{"type": "string", "title": "When a check fails", "description": q.Text, "maxLength": 500}
			if len(q.Options) > 0 {
				f["enum"] = q.Options
			}
			props["onFailure"] = f
		}
	}
	return mcp.ElicitationParams{
		Mode:            mcp.ElicitationModeForm,
		Message:         "A few choices for your FaceSign flow (leave any blank to let the builder decide):\n" + strings.Join(lines, "\n"),
		RequestedSchema: schema{"type": "object", "properties": props},
	}
}

// readAnswers turns an elicitation result into settings, dropping answers
// that name an avatar or language the account does not have.
func (d *Deps) readAnswers(ctx context.Context, res *mcp.ElicitationResult) (*FlowSettings, string, *mcp.CallToolResult) {
	if res == nil {
		return nil, elicitFailed, nil
	}
	switch res.Action {
	case mcp.ElicitationResponseActionDecline:
		return nil, elicitDeclined, nil
	case mcp.ElicitationResponseActionCancel:
		return nil, elicitCancelled, nil
	case mcp.ElicitationResponseActionAccept:
	default:
		return nil, elicitFailed, nil
	}
	content, _ := res.Content.(map[string]any)
	str := func(k string) string {
		s, _ := content[k].(string)
		return strings.TrimSpace(s)
	}
	s := &FlowSettings{AvatarID: str("avatarId"), OnFailure: str("onFailure")}
	for _, l := range strings.FieldsFunc(str("langs"), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if l = strings.ToLower(strings.TrimSpace(l)); l != "" && !slices.Contains(s.Langs, l) {
			s.Langs = append(s.Langs, l)
		}
	}
	if avatars, langs := d.choices(ctx); len(avatars) > 0 || len(langs) > 0 {
		if s.AvatarID != "" && len(avatars) > 0 && !slices.ContainsFunc(avatars, func(a facesign.Avatar) bool { return a.ID == s.AvatarID }) {
			d.Logger.InfoContext(ctx, "build_flow: ignoring an unknown avatar from the form", "avatar", s.AvatarID)
			s.AvatarID = ""
		}
		if len(langs) > 0 {
			s.Langs = slices.DeleteFunc(s.Langs, func(l string) bool {
				return !slices.ContainsFunc(langs, func(x facesign.Lang) bool { return strings.EqualFold(x.ID, l) })
			})
		}
	}
	if s.AvatarID == "" && len(s.Langs) == 0 && s.OnFailure == "" {
		return nil, elicitAccepted, nil
	}
	return s, elicitAccepted, nil
}

// describeElicitation says in words what happened to the questions.
func describeElicitation(status string) string {
	switch status {
	case elicitAccepted:
		return "The user answered the open questions."
	case elicitDeclined:
		return "The user declined to answer the open questions; ask them in the conversation if they matter."
	case elicitCancelled:
		return "The user dismissed the question form; ask the open questions in the conversation if they matter."
	case elicitFailed:
		return "The question form could not be shown; ask the open questions in the conversation."
	}
	return ""
}

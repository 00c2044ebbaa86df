package tools

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// elicitationID keys build_flow's question form in a 2026-07-28 multi
// round-trip exchange (input_required result, then a retry with the answers).
const elicitationID = "build_flow_questions"

// elicitTimeout bounds how long build_flow waits for a person to fill in the
// form of a pre-2026 client; past it the questions are returned instead.
const elicitTimeout = 5 * time.Minute

// Answers are what the user chose in build_flow's question form; they become
// flowbuild.Options for a second build.
type Answers struct {
	AvatarID      string   `json:"avatarId,omitempty" jsonschema_description:"Chosen avatar."`
	Langs         []string `json:"langs,omitempty" jsonschema_description:"Chosen languages."`
	OnFailure     string   `json:"onFailure,omitempty" jsonschema_description:"What happens when a check fails."`
	OTPChannel    string   `json:"otpChannel,omitempty" jsonschema_description:"email or sms."`
	DocumentTypes []string `json:"documentTypes,omitempty" jsonschema_description:"Accepted identity documents."`
	MinAge        int      `json:"minAge,omitempty" jsonschema_description:"Minimum age."`
}

func (a *Answers) empty() bool {
	return a.AvatarID == "" && len(a.Langs) == 0 && a.OnFailure == "" && a.OTPChannel == "" && len(a.DocumentTypes) == 0 && a.MinAge == 0
}

func (a *Answers) options() flowbuild.Options {
	return flowbuild.Options{AvatarID: a.AvatarID, Langs: a.Langs, OnFailure: a.OnFailure,
		OTPChannel: a.OTPChannel, DocumentTypes: a.DocumentTypes, MinAge: a.MinAge}
}

// questionKind maps a builder question to the form field that answers it.
func questionKind(q flowbuild.Question) string {
	switch q.ID {
	case "avatar":
		return "avatarId"
	case "langs":
		return "langs"
	case "on_failure":
		return "onFailure"
	case "otp_channel":
		return "otpChannel"
	case "documents":
		return "documentTypes"
	case "min_age":
		return "minAge"
	}
	// A question the builder learns to ask later still reaches the form when
	// it is about one of the settings the form knows.
	s := strings.ToLower(q.Text)
	switch {
	case strings.Contains(s, "avatar"):
		return "avatarId"
	case strings.Contains(s, "language"):
		return "langs"
	case strings.Contains(s, "fail"):
		return "onFailure"
	}
	return ""
}

// elicitableQuestions keeps the questions a form can answer, one per field.
func elicitableQuestions(qs []flowbuild.Question) []flowbuild.Question {
	var out []flowbuild.Question
	seen := map[string]bool{}
	for _, q := range qs {
		k := questionKind(q)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, q)
	}
	return out
}

// clientCanElicit reports whether the caller declared elicitation: per
// request for 2026-07-28 clients, at initialize for earlier ones.
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
// answers (nil unless accepted with something usable) and the elicitation
// status; or, for a 2026-07-28 client that has not answered yet, the
// input_required result to send back (the client retries the call with the
// answers, and this handler runs again).
func (d *Deps) askQuestions(ctx context.Context, req mcp.CallToolRequest, open []flowbuild.Question) (*Answers, string, *mcp.CallToolResult) {
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
		d.Logger.WarnContext(ctx, "build_flow: elicitation failed; returning the questions instead", "error", peerError(err))
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

// formSchema is an elicitation form's schema. It is built per call, from the
// open questions and the account's avatars and languages, so it is data
// rather than a Go type to reflect.
type formSchema = map[string]any

// questionForm is one elicitation form with a field per open question. Every
// field is optional: a blank one leaves the builder's default.
func questionForm(open []flowbuild.Question, avatars []facesign.Avatar, langs []facesign.Lang) mcp.ElicitationParams {
	props := formSchema{}
	var lines []string
	for _, q := range open {
		lines = append(lines, "- "+q.Text)
		switch kind := questionKind(q); kind {
		case "avatarId":
			f := formSchema{"type": "string", "title": "Avatar", "description": q.Text, "maxLength": 100}
			if len(avatars) > 0 {
				ids, names := make([]string, len(avatars)), make([]string, len(avatars))
				for i, a := range avatars {
					ids[i], names[i] = a.ID, a.Name
				}
				f["enum"], f["enumNames"] = ids, names
				delete(f, "maxLength")
			}
			props[kind] = f
		case "langs":
			desc := q.Text + " Language codes separated by commas, e.g. en, es."
			if len(langs) > 0 {
				codes := make([]string, len(langs))
				for i, l := range langs {
					codes[i] = l.ID
				}
				desc += " Available: " + strings.Join(codes, ", ") + "."
			} else if len(q.Options) > 0 {
				desc += " For example: " + strings.Join(q.Options, ", ") + "."
			}
			props[kind] = formSchema{"type": "string", "title": "Languages", "description": desc, "maxLength": 200}
		case "onFailure", "otpChannel":
			title := map[string]string{"onFailure": "When a check fails", "otpChannel": "One-time code channel"}[kind]
			f := formSchema{"type": "string", "title": title, "description": q.Text, "maxLength": 200}
			if len(q.Options) > 0 {
				f["enum"] = q.Options
				delete(f, "maxLength")
			}
			props[kind] = f
		case "documentTypes":
			props[kind] = formSchema{"type": "string", "title": "Accepted documents", "maxLength": 200,
				"description": q.Text + " Comma-separated: " + strings.Join(flow.DocumentTypes(), ", ") + "."}
		case "minAge":
			props[kind] = formSchema{"type": "integer", "title": "Minimum age", "description": q.Text, "minimum": 1, "maximum": 120}
		}
	}
	return mcp.ElicitationParams{
		Mode:            mcp.ElicitationModeForm,
		Message:         "A few choices for your FaceSign flow (leave any blank to keep the builder's default):\n" + strings.Join(lines, "\n"),
		RequestedSchema: formSchema{"type": "object", "properties": props},
	}
}

// readAnswers turns an elicitation result into answers, dropping values the
// builder or the account cannot use (an unknown avatar, language or document).
func (d *Deps) readAnswers(ctx context.Context, res *mcp.ElicitationResult) (*Answers, string, *mcp.CallToolResult) {
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
		switch v := content[k].(type) {
		case string:
			return strings.TrimSpace(v)
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return ""
	}
	a := &Answers{AvatarID: str("avatarId"), OnFailure: str("onFailure"), OTPChannel: strings.ToLower(str("otpChannel"))}
	if strings.EqualFold(a.AvatarID, "default") {
		a.AvatarID = ""
	}
	a.Langs = splitList(str("langs"))
	for _, doc := range splitList(str("documentTypes")) {
		if slices.Contains(flow.DocumentTypes(), doc) && !slices.Contains(a.DocumentTypes, doc) {
			a.DocumentTypes = append(a.DocumentTypes, doc)
		}
	}
	if n, err := strconv.Atoi(str("minAge")); err == nil && n > 0 && n <= 120 {
		a.MinAge = n
	}
	if a.OTPChannel != "" && a.OTPChannel != "sms" && a.OTPChannel != "email" {
		a.OTPChannel = ""
	}
	if avatars, langs := d.choices(ctx); len(avatars) > 0 || len(langs) > 0 {
		if a.AvatarID != "" && len(avatars) > 0 && !slices.ContainsFunc(avatars, func(x facesign.Avatar) bool { return x.ID == a.AvatarID }) {
			d.Logger.InfoContext(ctx, "build_flow: ignoring an avatar the account does not have", "avatar", a.AvatarID)
			a.AvatarID = ""
		}
		if len(langs) > 0 {
			a.Langs = slices.DeleteFunc(a.Langs, func(l string) bool {
				return !slices.ContainsFunc(langs, func(x facesign.Lang) bool { return strings.EqualFold(x.ID, l) })
			})
		}
	}
	if a.empty() {
		return nil, elicitAccepted, nil
	}
	return a, elicitAccepted, nil
}

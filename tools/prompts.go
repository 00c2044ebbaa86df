package tools

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// recipeArg is one argument of a recipe's prompt. Suggestions feed
// completion/complete; Check refuses values the description cannot use.
type recipeArg struct {
	Name        string
	Description string
	Default     string
	Suggestions []string
	// List marks a comma-separated argument: completion completes its last item.
	List  bool
	Check func(v string) error
}

// recipe is a FaceSign use case with a ready prompt and resource: what it is
// for, and how its arguments turn into a build_flow description.
type recipe struct {
	Slug     string // resource name: facesign://recipes/{Slug}
	Prompt   string // prompt name
	Title    string
	Summary  string
	Args     []recipeArg
	Describe func(a map[string]string) string
	// FailureHint names a failure worth simulating, in words.
	FailureHint string
}

func oneOf(values ...string) func(string) error {
	return func(v string) error {
		if !slices.Contains(values, strings.ToLower(v)) {
			return fmt.Errorf("must be one of %s", strings.Join(values, ", "))
		}
		return nil
	}
}

func positiveAmount(v string) error {
	clean := strings.NewReplacer(",", "", "_", "", " ", "", "$", "", "€", "", "£", "").Replace(v)
	n, err := strconv.ParseFloat(clean, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("must be a positive amount such as 5000")
	}
	return nil
}

func documentList(v string) error {
	known := flow.DocumentTypes()
	for _, d := range splitList(v) {
		if !slices.Contains(known, d) {
			return fmt.Errorf("%q is not a document type FaceSign scans; use %s", d, strings.Join(known, ", "))
		}
	}
	return nil
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var docNames = map[string]string{
	"passport": "passport", "id": "ID card", "dl": "driver's license",
	"residence-permit": "residence permit", "visa": "visa",
}

func documentWords(v string) string {
	var words []string
	for _, d := range splitList(v) {
		words = append(words, docNames[d])
	}
	switch len(words) {
	case 0:
		return "ID card or passport"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func channelWords(c string) string {
	if strings.ToLower(c) == "sms" {
		return "a one-time code by text message (SMS)"
	}
	return "a one-time code by email"
}

var channelArg = recipeArg{Name: "channel", Description: "How the one-time code is sent: email or sms.", Default: "email",
	Suggestions: []string{"email", "sms"}, Check: oneOf("email", "sms")}

// recipes are the six use cases of the issue, in the order prompts/list shows them.
var recipes = []recipe{
	{
		Slug: "wire-transfer-step-up", Prompt: "wire_transfer_step_up", Title: "Wire-transfer step-up",
		Summary: "Before a large wire transfer goes out: prove a live person is there, confirm the transfer details with them, check they are not being pressured, then confirm with a one-time code.",
		Args: []recipeArg{
			{Name: "amountThreshold", Description: "Transfers above this amount need the step-up, e.g. 5000.", Default: "5000",
				Suggestions: []string{"1000", "5000", "10000", "25000", "50000"}, Check: positiveAmount},
			{Name: "currency", Description: "Currency of the threshold: USD, EUR or GBP.", Default: "USD",
				Suggestions: []string{"USD", "EUR", "GBP"}, Check: func(v string) error { return oneOf("usd", "eur", "gbp")(v) }},
			channelArg,
		},
		Describe: func(a map[string]string) string {
			sym := map[string]string{"usd": "$", "eur": "€", "gbp": "£"}[strings.ToLower(a["currency"])]
			return fmt.Sprintf("Build a step-up verification for wire transfers over %s%s. Greet the user, then check liveness, then ask the user to confirm the recipient and the amount of the transfer in a conversation, and check that nobody is pressuring them (coercion detection). Finally send %s.",
				sym, a["amountThreshold"], channelWords(a["channel"]))
		},
		FailureHint: "the liveness check detecting a deepfake",
	},
	{
		Slug: "account-recovery", Prompt: "account_recovery", Title: "Account recovery",
		Summary: "A user who lost access proves who they are: their face is matched against enrolled users, liveness is checked, optionally an identity document is scanned, and a one-time code confirms their contact.",
		Args: []recipeArg{
			channelArg,
			{Name: "document", Description: "Also scan an identity document: none, passport, id or dl.", Default: "none",
				Suggestions: []string{"none", "passport", "id", "dl"}, Check: oneOf("none", "passport", "id", "dl")},
		},
		Describe: func(a map[string]string) string {
			doc := ""
			if d := strings.ToLower(a["document"]); d != "" && d != "none" {
				doc = " Then scan their " + documentWords(d) + "."
			}
			return fmt.Sprintf("Build an account recovery flow. Greet the user, recognize their face against our enrolled users, then check liveness.%s Then send %s, and finally tell them their account is recovered.",
				doc, channelWords(a["channel"]))
		},
		FailureHint: "recognition not finding the user (newUser)",
	},
	{
		Slug: "kyc-onboarding", Prompt: "kyc_onboarding", Title: "KYC onboarding",
		Summary: "A new customer opens an account: scan an identity document, check liveness, compare their face with the document photo and check their age.",
		Args: []recipeArg{
			{Name: "documentTypes", Description: "Documents accepted, comma-separated: passport, id, dl, residence-permit, visa.", Default: "passport, id",
				Suggestions: flow.DocumentTypes(), List: true, Check: documentList},
			{Name: "minimumAge", Description: "Minimum age of the customer, e.g. 18.", Default: "18",
				Suggestions: []string{"16", "18", "21"}, Check: func(v string) error {
					n, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil || n < 1 || n > 120 {
						return fmt.Errorf("must be an age in years such as 18")
					}
					return nil
				}},
		},
		Describe: func(a map[string]string) string {
			return fmt.Sprintf("Build a KYC onboarding flow. Greet the user, then scan their %s, then check liveness, then compare their face with the photo on the document, then verify they are older than %s, and finally welcome them and confirm the account is opened.",
				documentWords(a["documentTypes"]), strings.TrimSpace(a["minimumAge"]))
		},
		FailureHint: "the face comparison not matching the document photo (noMatch)",
	},
	{
		Slug: "face-enrollment", Prompt: "face_enrollment", Title: "Face enrollment",
		Summary: "Enroll a user's face so that later sessions can recognise them: collect their email, check liveness and capture a face scan.",
		Args: []recipeArg{
			{Name: "collectEmail", Description: "Ask for the user's email address first: yes or no.", Default: "yes",
				Suggestions: []string{"yes", "no"}, Check: oneOf("yes", "no")},
		},
		Describe: func(a map[string]string) string {
			email := ""
			if strings.ToLower(a["collectEmail"]) != "no" {
				email = " Ask the user to enter their email address."
			}
			return "Build a face enrollment flow. Greet the user and explain that we will register their face for future sign-ins." + email +
				" Then check liveness, then capture a face scan to enroll them, and finally thank them."
		},
		FailureHint: "the liveness check finding no face (noFace)",
	},
	{
		Slug: "login-2fa", Prompt: "login_2fa", Title: "Login second factor",
		Summary: "A returning user signs in: recognise their face, check liveness, then confirm with a one-time code.",
		Args:    []recipeArg{channelArg},
		Describe: func(a map[string]string) string {
			return fmt.Sprintf("Build a login second factor. Greet the user, recognize their face, then check liveness, then send %s, and finally tell them they are signed in.",
				channelWords(a["channel"]))
		},
		FailureHint: "the one-time code never being entered correctly (failed_unverified)",
	},
	{
		Slug: "device-recovery", Prompt: "device_recovery", Title: "Device recovery after a lost phone",
		Summary: "A user who lost their phone registers a new device: recognise their face, check liveness, scan an identity document and confirm by email (the old phone cannot receive codes).",
		Args: []recipeArg{
			{Name: "document", Description: "Identity document to scan: passport, id or dl.", Default: "id",
				Suggestions: []string{"passport", "id", "dl"}, Check: oneOf("passport", "id", "dl")},
			{Name: "channel", Description: "Where the confirmation code goes: email (recommended: the lost phone cannot receive texts) or sms (to the new phone).", Default: "email",
				Suggestions: []string{"email", "sms"}, Check: oneOf("email", "sms")},
		},
		Describe: func(a map[string]string) string {
			return fmt.Sprintf("Build a device recovery flow for a user who lost their phone. Greet the user, recognize their face, then check liveness, then scan their %s, then send %s, and finally confirm their new device is registered.",
				documentWords(a["document"]), channelWords(a["channel"]))
		},
		FailureHint: "the document scan timing out (scanTimeout)",
	},
}

func recipeByPrompt(name string) (recipe, bool) {
	for _, r := range recipes {
		if r.Prompt == name {
			return r, true
		}
	}
	return recipe{}, false
}

// arguments fills defaults and checks every given value.
func (r recipe) arguments(given map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(r.Args))
	for _, a := range r.Args {
		v := strings.TrimSpace(given[a.Name])
		if v == "" {
			v = a.Default
		}
		if len(v) > 200 {
			return nil, &promptArgError{a.Name, fmt.Sprintf("argument %s is too long (at most 200 characters)", a.Name)}
		}
		if a.Check != nil {
			if err := a.Check(v); err != nil {
				return nil, &promptArgError{a.Name, fmt.Sprintf("argument %s: %q %v", a.Name, v, err)}
			}
		}
		out[a.Name] = v
	}
	for name := range given {
		if !slices.ContainsFunc(r.Args, func(a recipeArg) bool { return a.Name == name }) {
			return nil, &promptArgError{name, fmt.Sprintf("prompt %s has no argument %q (it takes %s)", r.Prompt, name, r.argNames())}
		}
	}
	return out, nil
}

func (r recipe) argNames() string {
	names := make([]string, len(r.Args))
	for i, a := range r.Args {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}

func (r recipe) defaults() map[string]string {
	out, _ := r.arguments(nil)
	return out
}

// promptText is the user message a recipe prompt yields: the description to
// build from and the order of work, naming the tools.
func (r recipe) promptText(args map[string]string) string {
	desc := r.Describe(args)
	return fmt.Sprintf(`I want to set up a FaceSign %s flow. %s

Please:
1. Call build_flow with this description: %q
2. Show me the summary and the Mermaid diagram, and ask me any open questions it returns (avatar, languages, what happens on failure); apply my answers with build_flow and change.
3. Call validate_flow and fix any error it reports.
4. Call simulate_session twice: once as is (the success path), and once with %s, and explain both paths and the webhook deliveries.
5. Tell me what my backend must do with the result (verify the webhook, then fetch the session with get_session).
If no FaceSign API key is set yet, ask me for one and call set_api_key first (an sk_test_ key works offline in the sandbox).`,
		strings.ToLower(r.Title), r.Summary, desc, r.FailureHint)
}

// registerPrompts adds one prompt per recipe to s.
func registerPrompts(s *server.MCPServer, d *Deps) {
	for _, r := range recipes {
		opts := []mcp.PromptOption{
			mcp.WithPromptTitle(r.Title),
			mcp.WithPromptDescription(r.Summary + " Leads the assistant through build_flow, validate_flow and simulate_session."),
		}
		for _, a := range r.Args {
			opts = append(opts, mcp.WithArgument(a.Name, mcp.ArgumentDescription(fmt.Sprintf("%s Default: %s.", a.Description, a.Default))))
		}
		s.AddPrompt(mcp.NewPrompt(r.Prompt, opts...), recipePrompt(d, r))
	}
}

func recipePrompt(d *Deps, r recipe) server.PromptHandlerFunc {
	return func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
		d.State(ctx).SetRecipe(r.Slug)
		args, err := r.arguments(req.Params.Arguments)
		if err != nil {
			return nil, err
		}
		return mcp.NewGetPromptResult(r.Title, []mcp.PromptMessage{
			mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(r.promptText(args))),
		}), nil
	}
}

// recipeCompleter completes prompt arguments from each recipe's suggestions.
type recipeCompleter struct{}

// maxCompletions is the protocol's limit on values per completion.
const maxCompletions = 100

func (recipeCompleter) CompletePromptArgument(_ context.Context, promptName string, arg mcp.CompleteArgument, _ mcp.CompleteContext) (*mcp.Completion, error) {
	values := []string{}
	r, ok := recipeByPrompt(promptName)
	if !ok {
		return &mcp.Completion{Values: values}, nil
	}
	for _, a := range r.Args {
		if a.Name != arg.Name {
			continue
		}
		prefix, typed := "", arg.Value
		if a.List {
			// Complete the item being typed, keeping the ones before it.
			if i := strings.LastIndex(typed, ","); i >= 0 {
				prefix, typed = strings.TrimSpace(typed[:i+1])+" ", typed[i+1:]
			}
		}
		typed = strings.ToLower(strings.TrimSpace(typed))
		for _, s := range a.Suggestions {
			if strings.HasPrefix(strings.ToLower(s), typed) {
				values = append(values, prefix+s)
			}
		}
	}
	total := len(values)
	if len(values) > maxCompletions {
		values = values[:maxCompletions]
	}
	return &mcp.Completion{Values: values, Total: total, HasMore: total > len(values)}, nil
}

// promptCompletions completes prompt arguments (completion/complete).
func promptCompletions(d *Deps) server.PromptCompletionProvider { return recipeCompleter{} }

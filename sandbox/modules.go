package sandbox

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// legacyModules maps FaceSign's legacy module names to the nodes that do the
// same work, in the order they run.
var legacyModules = map[string][]flow.NodeType{
	"identityVerification":   {flow.TypeLiveness},
	"livenessDetection":      {flow.TypeLiveness},
	"faceRecognition":        {flow.TypeRecognition, flow.TypeLiveness},
	"documentAuthentication": {flow.TypeDocumentScan, flow.TypeFaceCompare},
	"emailVerification":      {flow.TypeEnterEmail, flow.TypeTwoFactorEmail},
	"phoneVerification":      {flow.TypeTwoFactorSMS},
	"smsVerification":        {flow.TypeTwoFactorSMS},
}

func moduleNames() string {
	names := make([]string, 0, len(legacyModules))
	for k := range legacyModules {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// moduleType reads a module: a bare name, or an object naming it in "type" (or
// "name"/"module", which older clients sent).
func moduleType(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	var name string
	if len(raw) > 0 && raw[0] == '"' {
		if json.Unmarshal(raw, &name) != nil {
			return "", false
		}
		return name, true
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return "", false
	}
	for _, k := range []string{"type", "name", "module"} {
		if v, ok := obj[k]; ok && json.Unmarshal(v, &name) == nil {
			return name, true
		}
	}
	return "", false
}

// expandModules builds the flow the legacy modules describe: a greeting (so the
// avatar speaks before any video work), the modules' nodes in order, each
// success outcome to the next step and every other outcome to a closing line
// that explains the failure, then an end.
func expandModules(mods []facesign.Module) (flow.Flow, error) {
	var steps []flow.NodeType
	seen := map[flow.NodeType]bool{}
	for i, m := range mods {
		name, ok := moduleType(m)
		path := "/modules/" + strconv.Itoa(i)
		if !ok {
			return nil, fieldError("invalid_module", path, "modules[%d] must be a module name or an object with a \"type\"; the modules are %s", i, moduleNames())
		}
		types, ok := legacyModules[name]
		if !ok {
			return nil, fieldError("invalid_module", path, "modules[%d] %q is not a legacy module; the modules are %s", i, truncate(name, 60), moduleNames())
		}
		for _, t := range types {
			if !seen[t] { // two modules needing liveness check it once
				seen[t] = true
				steps = append(steps, t)
			}
		}
	}
	fl := flow.Flow{{ID: "start", Type: flow.TypeStart, Next: "greeting"}}
	say := func(id, text, next string) flow.Node {
		return flow.Node{ID: id, Type: flow.TypeConversation, Prompt: "Say: " + text, DoesNotRequireReply: true,
			Outcomes: []flow.Outcome{{ID: "next", Target: next}}}
	}
	ids := make([]string, len(steps))
	count := map[flow.NodeType]int{}
	for i, t := range steps {
		count[t]++
		ids[i] = string(t)
		if count[t] > 1 {
			ids[i] += "_" + strconv.Itoa(count[t])
		}
	}
	first := "verified"
	if len(ids) > 0 {
		first = ids[0]
	}
	fl = append(fl, say("greeting", "Hello! I'll guide you through a short verification. Please keep your face in view of the camera.", first))
	for i, t := range steps {
		next := "verified"
		if i+1 < len(ids) {
			next = ids[i+1]
		}
		n := flow.Node{ID: ids[i], Type: t}
		if t == flow.TypeFaceCompare {
			n.SourceA = &flow.FaceSource{Source: "sessionVideo"}
			n.SourceB = &flow.FaceSource{Source: "documentPhoto"}
		}
		if t == flow.TypeEnterEmail {
			n.Prompt = "Please type your email address."
		}
		info, _ := flow.Info(t)
		for j, o := range info.Outcomes {
			target := "not_verified"
			if j == 0 || (t == flow.TypeRecognition && o == "newUser") {
				target = next // a new user is not a failure: they go on to liveness
			}
			n.Outcomes = append(n.Outcomes, flow.Outcome{ID: o, Target: target})
		}
		fl = append(fl, n)
	}
	fl = append(fl,
		say("verified", "Thank you, you're verified.", "end"),
		say("not_verified", "Sorry, I couldn't complete the verification. Please try again later.", "end"),
		flow.Node{ID: "end", Type: flow.TypeEnd})
	return fl, nil
}

package sandbox

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
)

// legacyModules maps FaceSign's legacy module names to the nodes that do the
// same work, in the order they run.
var legacyModules = map[string][]flowbuild.NodeType{
	"identityVerification":   {flowbuild.TypeLiveness},
	"livenessDetection":      {flowbuild.TypeLiveness},
	"faceRecognition":        {flowbuild.TypeRecognition, flowbuild.TypeLiveness},
	"documentAuthentication": {flowbuild.TypeDocumentScan, flowbuild.TypeFaceCompare},
	"emailVerification":      {flowbuild.TypeEnterEmail, flowbuild.TypeTwoFactorEmail},
	"phoneVerification":      {flowbuild.TypeTwoFactorSMS},
	"smsVerification":        {flowbuild.TypeTwoFactorSMS},
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
func expandModules(mods []facesign.Module) (flowbuild.Flow, error) {
	var steps []flowbuild.NodeType
	seen := map[flowbuild.NodeType]bool{}
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
	flow := flowbuild.Flow{{ID: "start", Type: flowbuild.TypeStart, Next: "greeting"}}
	say := func(id, text, next string) flowbuild.Node {
		return flowbuild.Node{ID: id, Type: flowbuild.TypeConversation, Prompt: "Say: " + text, DoesNotRequireReply: true,
			Outcomes: []flowbuild.Outcome{{ID: "next", Target: next}}}
	}
	ids := make([]string, len(steps))
	count := map[flowbuild.NodeType]int{}
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
	flow = append(flow, say("greeting", "Hello! I'll guide you through a short verification. Please keep your face in view of the camera.", first))
	for i, t := range steps {
		next := "verified"
		if i+1 < len(ids) {
			next = ids[i+1]
		}
		n := flowbuild.Node{ID: ids[i], Type: t}
		if t == flowbuild.TypeFaceCompare {
			n.SourceA = &flowbuild.FaceSource{Source: "sessionVideo"}
			n.SourceB = &flowbuild.FaceSource{Source: "documentPhoto"}
		}
		if t == flowbuild.TypeEnterEmail {
			n.Prompt = "Please type your email address."
		}
		info, _ := flowbuild.Info(t)
		for j, o := range info.Outcomes {
			target := "not_verified"
			if j == 0 || (t == flowbuild.TypeRecognition && o == "newUser") {
				target = next // a new user is not a failure: they go on to liveness
			}
			n.Outcomes = append(n.Outcomes, flowbuild.Outcome{ID: o, Target: target})
		}
		flow = append(flow, n)
	}
	flow = append(flow,
		say("verified", "Thank you, you're verified.", "end"),
		say("not_verified", "Sorry, I couldn't complete the verification. Please try again later.", "end"),
		flowbuild.Node{ID: "end", Type: flowbuild.TypeEnd})
	return flow, nil
}

package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Limits on settings, so that one create cannot bloat the store.
const (
	maxMetadataKeys   = 50
	maxMetadataKeyLen = 40
	maxMetadataValLen = 500
	maxClientRefLen   = 200
	maxFlowNodes      = 200
)

// newSession is a validated create body, ready to store.
type newSession struct {
	settings facesign.Settings
	flowJSON []byte // the flow, encoded once
	flowID   string
	warnings []facesign.Warning
}

// decodeCreate checks a create body strictly and turns it into a session to
// store. Every failure is a *apiError naming the field.
func decodeCreate(body []byte) (*newSession, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, badRequest("empty_body", "the request body is empty: send the session settings as a JSON object")
	}
	if trimmed[0] != '{' {
		if !json.Valid(trimmed) {
			return nil, badRequest("invalid_json", "the request body is not valid JSON: "+syntaxMsg(trimmed))
		}
		return nil, badRequest("invalid_body", "the request body must be a JSON object of session settings, got "+flow.JSONKind(trimmed))
	}
	var set facesign.Settings
	n, ae := decodeStrict(trimmed, &set, settingsBody())
	if ae != nil {
		// Refused for its nesting, the body must not reach the checks below,
		// which walk it.
		if deep := tooDeep(trimmed); deep != nil {
			return nil, deep
		}
		if !json.Valid(trimmed) { // the decoder stops at the first problem; report the syntax first
			return nil, badRequest("invalid_json", "the request body is not valid JSON: "+syntaxMsg(trimmed))
		}
		if err := checkMetadataTypes(trimmed); err != nil {
			return nil, err
		}
		// The decoder names the first problem it met; a misspelt key anywhere
		// in the settings is the likelier mistake, so it is named first.
		if ae.Code != "unknown_field" {
			if u := settingsBody().unknownField(trimmed, reflect.TypeFor[facesign.Settings](), ""); u != nil {
				return nil, u
			}
		}
		return nil, ae
	}
	if ae := dataAfter(trimmed, n); ae != nil {
		return nil, ae
	}
	var warnings []facesign.Warning
	switch {
	case len(set.Modules) > 0 && set.Flow != nil:
		e := badRequest("modules_and_flow", "send either flow or the legacy modules, not both")
		e.Details = []detail{{Path: "/flow", Code: "modules_and_flow"}, {Path: "/modules", Code: "modules_and_flow"}}
		return nil, e
	case len(set.Modules) > 0:
		fl, err := expandModules(set.Modules)
		if err != nil {
			return nil, err
		}
		set.Flow = fl
		warnings = append(warnings, facesign.Warning{Code: "modules_expanded", Path: "/modules",
			Message: "the legacy modules were expanded into an equivalent flow (settings.flow); send a flow instead"})
	case set.Flow == nil:
		return nil, fieldError("missing_flow", "/flow", "flow is required: send settings.flow, an array of nodes (or the legacy modules)")
	}
	if err := checkSettings(&set); err != nil {
		return nil, err
	}
	problems := flow.Validate(set.Flow)
	if flow.HasErrors(problems) {
		return nil, flowError(flow.Errors(problems))
	}
	for _, p := range flow.Warnings(problems) {
		warnings = append(warnings, facesign.Warning{Code: p.Code, Path: "/flow" + p.Path, Message: p.Message})
	}
	flowJSON, err := encodeFlow(set.Flow)
	if err != nil {
		return nil, badRequest("invalid_flow", "the flow cannot be encoded: "+err.Error())
	}
	id, err := flowID(set.Flow, flowJSON)
	if err != nil {
		return nil, badRequest("invalid_flow", err.Error())
	}
	return &newSession{settings: set, flowID: id, flowJSON: flowJSON, warnings: warnings}, nil
}

// encodeFlow is json.Marshal(f) without encoding/json's second pass over
// each node: Node.MarshalJSON writes compact, HTML-escaped JSON already (its
// fields go through json.Marshal), which encoding/json would validate and
// copy again. TestEncodeFlowIsJSONMarshal holds the two to the same bytes.
func encodeFlow(f flow.Flow) ([]byte, error) {
	if f == nil {
		return []byte("null"), nil
	}
	out := make([]byte, 0, 256*len(f))
	out = append(out, '[')
	for i := range f {
		if i > 0 {
			out = append(out, ',')
		}
		node, err := f[i].MarshalJSON()
		if err != nil {
			return nil, err
		}
		out = append(out, node...)
	}
	return append(out, ']'), nil
}

// checkMetadataTypes names the metadata key whose value is not a string, which
// encoding/json would report only as "metadata".
func checkMetadataTypes(body []byte) error {
	var top struct {
		Metadata json.RawMessage `json:"metadata"`
	}
	if json.Unmarshal(body, &top) != nil || len(top.Metadata) == 0 || top.Metadata[0] != '{' {
		return nil // the strict decode reports it
	}
	ae := eachMember(top.Metadata, func(key string, v json.RawMessage) *apiError {
		if len(v) == 0 || v[0] != '"' {
			return fieldError("invalid_type", "/metadata/"+flow.EscapePointer(key),
				"metadata.%s: expected a string, got %s (metadata values are strings)", truncate(key, 60), flow.JSONKind(v))
		}
		return nil
	})
	if ae != nil { // not a bare return: a nil *apiError in an error interface is not nil
		return ae
	}
	return nil
}

// eachMember calls fn for each member of the JSON object obj in document order
// (a map would lose the order, and the first problem in the body is the one to
// name), stopping at the first error fn returns. A body it cannot walk yields
// nil: the strict decoder's own error then stands.
func eachMember(obj []byte, fn func(key string, v json.RawMessage) *apiError) *apiError {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		if ae := fn(key, v); ae != nil {
			return ae
		}
	}
	return nil
}

// flowError lists every error of the flow in one message, and each path in details.
func flowError(errs []flow.Problem) *apiError {
	var b strings.Builder
	fmt.Fprintf(&b, "the flow has %d error", len(errs))
	if len(errs) != 1 {
		b.WriteByte('s')
	}
	b.WriteString(": ")
	e := badRequest("invalid_flow", "")
	for i, p := range errs {
		if i > 0 {
			b.WriteString("; ")
		}
		path := "/flow" + p.Path
		fmt.Fprintf(&b, "%s: %s", path, p.Message)
		if p.Fix != "" {
			b.WriteString(" (" + strings.TrimSuffix(p.Fix, ".") + ")")
		}
		e.Details = append(e.Details, detail{Path: path, Code: p.Code, Message: p.Message})
	}
	e.Message = b.String()
	return e
}

func checkSettings(set *facesign.Settings) error {
	if len(set.Flow) == 0 {
		return fieldError("empty_flow", "/flow", "flow is empty: it needs at least a start and an end node")
	}
	if len(set.Flow) > maxFlowNodes {
		return fieldError("flow_too_large", "/flow", "flow has %d nodes; the sandbox takes at most %d", len(set.Flow), maxFlowNodes)
	}
	if len(set.ClientReferenceID) > maxClientRefLen {
		return fieldError("invalid_field", "/clientReferenceId", "clientReferenceId is %d characters long; at most %d are allowed", len(set.ClientReferenceID), maxClientRefLen)
	}
	if len(set.Metadata) > maxMetadataKeys {
		return fieldError("invalid_field", "/metadata", "metadata has %d keys; at most %d are allowed", len(set.Metadata), maxMetadataKeys)
	}
	for k, v := range set.Metadata {
		p := "/metadata/" + flow.EscapePointer(k)
		if k == "" || len(k) > maxMetadataKeyLen {
			return fieldError("invalid_field", p, "metadata keys must be 1 to %d characters long, got %q", maxMetadataKeyLen, truncate(k, 60))
		}
		if len(v) > maxMetadataValLen {
			return fieldError("invalid_field", p, "metadata value %q is %d characters long; at most %d are allowed", k, len(v), maxMetadataValLen)
		}
	}
	if set.AvatarID != "" && !knownAvatar(set.AvatarID) {
		return fieldError("invalid_field", "/avatarId", "avatarId %q is not an avatar of the sandbox (GET /avatars lists them)", truncate(set.AvatarID, 60))
	}
	for i, l := range set.Langs {
		if !knownLang(l) {
			return fieldError("invalid_field", "/langs/"+strconv.Itoa(i), "langs[%d] %q is not a language of the sandbox (GET /langs lists them)", i, truncate(l, 60))
		}
	}
	if set.DefaultLang == "" {
		set.DefaultLang = "en"
	}
	if !knownLang(set.DefaultLang) {
		return fieldError("invalid_field", "/defaultLang", "defaultLang %q is not a language of the sandbox (GET /langs lists them)", truncate(set.DefaultLang, 60))
	}
	if len(set.Langs) > 0 && !contains(set.Langs, set.DefaultLang) {
		return fieldError("invalid_field", "/defaultLang", "defaultLang %q is not one of langs %v", set.DefaultLang, set.Langs)
	}
	switch set.Zone {
	case "":
		set.Zone = "es"
	case "es", "eu":
	default:
		return fieldError("invalid_field", "/zone", "zone %q must be \"es\" or \"eu\"", truncate(set.Zone, 60))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// flowID is a stable hash of the flow's canonical JSON: Node.MarshalJSON writes
// fields in catalogue order, and map outcomes are put in the catalogue's order
// first, so the same nodes give the same id however their keys were ordered on
// the wire. encoded is json.Marshal(f), reused when f is already canonical.
func flowID(f flow.Flow, encoded []byte) (string, error) {
	canon := encoded
	if !canonicalOutcomes(f) {
		c := f.Clone()
		for i := range c {
			if c[i].Shape() == flow.ShapeMap {
				rank := outcomeRank(c[i].Type)
				sort.SliceStable(c[i].Outcomes, func(a, b int) bool {
					return outcomeLess(rank, c[i].Outcomes[a].ID, c[i].Outcomes[b].ID)
				})
			}
		}
		var err error
		if canon, err = json.Marshal(c); err != nil {
			return "", fmt.Errorf("the flow cannot be encoded: %v", err)
		}
	}
	sum := sha256.Sum256(canon)
	return "flow_" + hex.EncodeToString(sum[:12]), nil
}

// outcomeRank orders a type's outcomes as the catalogue lists them; names it
// does not know sort after, by name.
func outcomeRank(t flow.NodeType) map[string]int {
	info, _ := flow.Info(t)
	rank := map[string]int{}
	for i, o := range append(append([]string(nil), info.Outcomes...), info.OptionalOutcomes...) {
		rank[o] = i + 1
	}
	return rank
}

func outcomeLess(rank map[string]int, a, b string) bool {
	ra, rb := rank[a], rank[b]
	switch {
	case ra != 0 && rb != 0:
		return ra < rb
	case ra != 0 || rb != 0:
		return ra != 0
	}
	return a < b
}

func canonicalOutcomes(f flow.Flow) bool {
	for i := range f {
		if f[i].Shape() != flow.ShapeMap || len(f[i].Outcomes) < 2 {
			continue
		}
		rank := outcomeRank(f[i].Type)
		for j := 1; j < len(f[i].Outcomes); j++ {
			if !outcomeLess(rank, f[i].Outcomes[j-1].ID, f[i].Outcomes[j].ID) {
				return false
			}
		}
	}
	return true
}

// goTypeName says in JSON words what a Go type expects.
func goTypeName(t string) string {
	switch {
	case t == "string":
		return "a string"
	case t == "bool" || t == "*bool":
		return "a boolean"
	case strings.HasPrefix(t, "map["):
		if strings.HasSuffix(t, "string") {
			return "an object of strings"
		}
		return "an object"
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "float") || strings.HasPrefix(t, "uint"):
		return "a number"
	}
	return "an object"
}

func syntaxMsg(data []byte) string {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	if err != nil {
		return err.Error()
	}
	return "unexpected data"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

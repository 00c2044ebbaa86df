package flowbuild

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
)

// Flow is a FaceSign verification flow: an ordered list of nodes whose outcomes
// are the edges. It encodes as a JSON array, exactly as FaceSign's API takes it.
type Flow []Node

// Node is one node of any type. Fields that a type does not define stay zero and
// are omitted on the wire; fields the wire carries that the type does not define
// are kept verbatim in Extra so that nothing is lost in a round trip.
type Node struct {
	ID   string
	Type NodeType

	// Next is the start node's "outcome": the id of the first node.
	Next string

	// conversation, permissions, enter_email
	Prompt string
	// conversation: the avatar only informs and moves on.
	DoesNotRequireReply bool
	// permissions
	Permissions *Permissions
	// face_scan
	CaptureInstructions      string
	RequireLivenessChallenge *bool
	// face_scan, face_compare: 0–1
	SimilarityThreshold *float64
	// face_compare
	SourceA *FaceSource
	SourceB *FaceSource
	// document_scan
	ScanningMode         string
	AllowedDocumentTypes []string
	// two_factor_email, two_factor_sms
	OTPLength     *int
	ExpirySeconds *int
	MaxAttempts   *int
	// data_validation
	Validation *Validation

	// Outcomes are the node's edges in wire order. For map types ID is the outcome
	// name and Condition is unused; for list types (conversation, data_validation)
	// ID is the outcome's id and Condition its natural-language condition.
	Outcomes []Outcome

	// Extra holds wire fields this node's type does not define, verbatim.
	Extra map[string]json.RawMessage

	// outcomesList remembers the wire shape of an unknown type's outcomes.
	outcomesList bool
}

// Outcome is one edge out of a node.
type Outcome struct {
	ID        string
	Target    string
	Condition string
}

// Permissions is what a permissions node asks the browser for.
type Permissions struct {
	Camera     bool `json:"camera"`
	Microphone bool `json:"microphone"`
}

// FaceSource is one side of a face comparison.
type FaceSource struct {
	Source          string `json:"source"`
	ProvidedDataKey string `json:"providedDataKey,omitempty"`
}

// Validation is a data_validation rule: field, action (e.g. olderThan, equals,
// contains, matches) and the value to compare with.
type Validation struct {
	Field  string `json:"field"`
	Action string `json:"action"`
	Value  string `json:"value"`
}

// DecodeError says where a document stopped being a flow. Path is a JSON pointer
// ("/3/outcomes"); the empty path is the whole document.
type DecodeError struct {
	Path string
	Msg  string
}

func (e *DecodeError) Error() string {
	if e.Path == "" {
		return "flow: " + e.Msg
	}
	return "flow " + e.Path + ": " + e.Msg
}

// Shape returns how this node spells its outcomes on the wire.
func (n *Node) Shape() OutcomeShape {
	if info, ok := catalogByType[n.Type]; ok {
		return info.Shape
	}
	if n.outcomesList {
		return ShapeList
	}
	return ShapeMap
}

// Edges returns the node's outgoing edges, the start node's "outcome" included.
func (n *Node) Edges() []Outcome {
	if n.Type == TypeStart {
		if n.Next == "" {
			return nil
		}
		return []Outcome{{ID: "outcome", Target: n.Next}}
	}
	return n.Outcomes
}

// Outcome returns the target of the named outcome (by outcome name or list id).
func (n *Node) Outcome(name string) (string, bool) {
	for _, o := range n.Outcomes {
		if o.ID == name {
			return o.Target, true
		}
	}
	return "", false
}

// SetOutcome points the named outcome at target, adding it when it is missing.
func (n *Node) SetOutcome(name, target string) {
	for i := range n.Outcomes {
		if n.Outcomes[i].ID == name {
			n.Outcomes[i].Target = target
			return
		}
	}
	n.Outcomes = append(n.Outcomes, Outcome{ID: name, Target: target})
}

// Clone returns a deep copy of the node.
func (n Node) Clone() Node {
	c := n
	c.Permissions = clonePtr(n.Permissions)
	c.RequireLivenessChallenge = clonePtr(n.RequireLivenessChallenge)
	c.SimilarityThreshold = clonePtr(n.SimilarityThreshold)
	c.SourceA = clonePtr(n.SourceA)
	c.SourceB = clonePtr(n.SourceB)
	c.AllowedDocumentTypes = slices.Clone(n.AllowedDocumentTypes)
	c.OTPLength = clonePtr(n.OTPLength)
	c.ExpirySeconds = clonePtr(n.ExpirySeconds)
	c.MaxAttempts = clonePtr(n.MaxAttempts)
	c.Validation = clonePtr(n.Validation)
	c.Outcomes = slices.Clone(n.Outcomes)
	if n.Extra != nil {
		c.Extra = make(map[string]json.RawMessage, len(n.Extra))
		for k, v := range n.Extra {
			c.Extra[k] = slices.Clone(v)
		}
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Clone returns a deep copy of the flow.
func (f Flow) Clone() Flow {
	if f == nil {
		return nil
	}
	out := make(Flow, len(f))
	for i := range f {
		out[i] = f[i].Clone()
	}
	return out
}

// Index returns the position of the node with the given id, or -1.
func (f Flow) Index(id string) int {
	for i := range f {
		if f[i].ID == id {
			return i
		}
	}
	return -1
}

// Node returns the node with the given id, or nil.
func (f Flow) Node(id string) *Node {
	if i := f.Index(id); i >= 0 {
		return &f[i]
	}
	return nil
}

// Start returns the first start node, or nil.
func (f Flow) Start() *Node {
	for i := range f {
		if f[i].Type == TypeStart {
			return &f[i]
		}
	}
	return nil
}

// Decode reads a flow from JSON. It accepts a bare array of nodes, or an object
// whose "nodes" or "flow" member is that array (the shapes assistants and our own
// `flow build --json` produce). A document that is not a flow gets a *DecodeError
// naming where it went wrong; Decode never panics.
func Decode(data []byte) (Flow, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, &DecodeError{Msg: "empty document: expected an array of nodes"}
	}
	var items []json.RawMessage
	switch data[0] {
	case '[':
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, &DecodeError{Msg: "invalid JSON: " + jsonMsg(err)}
		}
	case '{':
		var wrapper map[string]json.RawMessage
		if err := json.Unmarshal(data, &wrapper); err != nil {
			return nil, &DecodeError{Msg: "invalid JSON: " + jsonMsg(err)}
		}
		key := ""
		for _, k := range []string{"nodes", "flow"} {
			if _, ok := wrapper[k]; ok {
				key = k
				break
			}
		}
		if key == "" {
			return nil, &DecodeError{Msg: `expected an array of nodes, or an object with a "nodes" array`}
		}
		raw := bytes.TrimSpace(wrapper[key])
		if len(raw) == 0 || raw[0] != '[' {
			return nil, &DecodeError{Path: "/" + key, Msg: "expected an array of nodes, got " + jsonKind(raw)}
		}
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, &DecodeError{Path: "/" + key, Msg: "invalid JSON: " + jsonMsg(err)}
		}
	default:
		if !json.Valid(data) {
			return nil, &DecodeError{Msg: "invalid JSON"}
		}
		return nil, &DecodeError{Msg: "expected an array of nodes, got " + jsonKind(data)}
	}
	flow := make(Flow, len(items))
	for i, raw := range items {
		if err := flow[i].decode(raw, "/"+strconv.Itoa(i)); err != nil {
			return nil, err
		}
	}
	return flow, nil
}

// UnmarshalJSON implements json.Unmarshaler with Decode's rules.
func (f *Flow) UnmarshalJSON(data []byte) error {
	flow, err := Decode(data)
	if err != nil {
		return err
	}
	*f = flow
	return nil
}

// UnmarshalJSON implements json.Unmarshaler for a single node.
func (n *Node) UnmarshalJSON(data []byte) error {
	return n.decode(data, "")
}

func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

func jsonMsg(err error) string {
	var se *json.SyntaxError
	if e, ok := err.(*json.SyntaxError); ok {
		se = e
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	return err.Error()
}

func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

func (n *Node) decode(data []byte, path string) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return &DecodeError{Path: path, Msg: "a node must be an object, got " + jsonKind(data)}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return &DecodeError{Path: path, Msg: "invalid JSON: " + jsonMsg(err)}
	}
	*n = Node{}
	if err := decodeString(fields["id"], path+"/id", &n.ID); err != nil {
		return err
	}
	var typ string
	if err := decodeString(fields["type"], path+"/type", &typ); err != nil {
		return err
	}
	n.Type = NodeType(typ)
	delete(fields, "id")
	delete(fields, "type")

	info, known := catalogByType[n.Type]
	if known {
		for _, name := range info.Fields {
			raw, ok := fields[name]
			if !ok {
				continue
			}
			delete(fields, name)
			if isNull(raw) {
				continue
			}
			if err := n.decodeField(name, raw, path+"/"+name); err != nil {
				return err
			}
		}
	}
	if raw, ok := fields["outcomes"]; ok && (!known || info.Shape != ShapeNone) {
		delete(fields, "outcomes")
		if !isNull(raw) {
			shape := ShapeMap
			if known {
				shape = info.Shape
			} else if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
				shape = ShapeList
				n.outcomesList = true
			}
			if err := n.decodeOutcomes(raw, shape, path+"/outcomes"); err != nil {
				return err
			}
		}
	}
	if len(fields) > 0 {
		n.Extra = fields
	}
	return nil
}

func decodeString(raw json.RawMessage, path string, dst *string) error {
	if raw == nil || isNull(raw) {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return &DecodeError{Path: path, Msg: "expected a string, got " + jsonKind(raw)}
	}
	return nil
}

func decodeValue[T any](raw json.RawMessage, path, want string, dst *T) error {
	if err := json.Unmarshal(raw, dst); err != nil {
		return &DecodeError{Path: path, Msg: "expected " + want + ", got " + jsonKind(raw)}
	}
	return nil
}

func (n *Node) decodeField(name string, raw json.RawMessage, path string) error {
	switch name {
	case "outcome":
		return decodeString(raw, path, &n.Next)
	case "prompt":
		return decodeString(raw, path, &n.Prompt)
	case "doesNotRequireReply":
		return decodeValue(raw, path, "a boolean", &n.DoesNotRequireReply)
	case "permissions":
		n.Permissions = new(Permissions)
		return decodeValue(raw, path, "an object {camera, microphone} of booleans", n.Permissions)
	case "captureInstructions":
		return decodeString(raw, path, &n.CaptureInstructions)
	case "requireLivenessChallenge":
		n.RequireLivenessChallenge = new(bool)
		return decodeValue(raw, path, "a boolean", n.RequireLivenessChallenge)
	case "similarityThreshold":
		n.SimilarityThreshold = new(float64)
		return decodeValue(raw, path, "a number between 0 and 1", n.SimilarityThreshold)
	case "sourceA":
		n.SourceA = new(FaceSource)
		return decodeValue(raw, path, `an object {"source": ...}`, n.SourceA)
	case "sourceB":
		n.SourceB = new(FaceSource)
		return decodeValue(raw, path, `an object {"source": ...}`, n.SourceB)
	case "scanningMode":
		return decodeString(raw, path, &n.ScanningMode)
	case "allowedDocumentTypes":
		return decodeValue(raw, path, "an array of strings", &n.AllowedDocumentTypes)
	case "otpLength":
		n.OTPLength = new(int)
		return decodeValue(raw, path, "a whole number", n.OTPLength)
	case "expirySeconds":
		n.ExpirySeconds = new(int)
		return decodeValue(raw, path, "a whole number of seconds", n.ExpirySeconds)
	case "maxAttempts":
		n.MaxAttempts = new(int)
		return decodeValue(raw, path, "a whole number", n.MaxAttempts)
	case "validation":
		n.Validation = new(Validation)
		if err := decodeValue(raw, path, `an object {"field", "action", "value"}`, n.Validation); err != nil {
			// A numeric value ("value": 18) is common in hand-written flows; accept it as its text.
			var loose struct {
				Field  string          `json:"field"`
				Action string          `json:"action"`
				Value  json.RawMessage `json:"value"`
			}
			if json.Unmarshal(raw, &loose) != nil || len(loose.Value) == 0 || loose.Value[0] == '{' || loose.Value[0] == '[' || loose.Value[0] == '"' {
				return err
			}
			*n.Validation = Validation{Field: loose.Field, Action: loose.Action, Value: string(loose.Value)}
		}
		return nil
	}
	return fmt.Errorf("flowbuild: field %q has no decoder", name) // a catalogue/decoder mismatch: a bug
}

func (n *Node) decodeOutcomes(raw json.RawMessage, shape OutcomeShape, path string) error {
	if shape == ShapeList {
		var items []json.RawMessage
		if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '[' {
			return &DecodeError{Path: path, Msg: string(n.Type) + " outcomes must be an array of {id, targetNodeId, condition}, got " + jsonKind(raw)}
		}
		if err := json.Unmarshal(raw, &items); err != nil {
			return &DecodeError{Path: path, Msg: "invalid JSON: " + jsonMsg(err)}
		}
		n.Outcomes = make([]Outcome, 0, len(items))
		for i, item := range items {
			p := path + "/" + strconv.Itoa(i)
			if t := bytes.TrimSpace(item); len(t) == 0 || t[0] != '{' {
				return &DecodeError{Path: p, Msg: "an outcome must be an object {id, targetNodeId, condition}, got " + jsonKind(item)}
			}
			var o struct {
				ID        json.RawMessage `json:"id"`
				Target    json.RawMessage `json:"targetNodeId"`
				Condition json.RawMessage `json:"condition"`
			}
			if err := json.Unmarshal(item, &o); err != nil {
				return &DecodeError{Path: p, Msg: "invalid JSON: " + jsonMsg(err)}
			}
			var out Outcome
			if err := decodeString(o.ID, p+"/id", &out.ID); err != nil {
				return err
			}
			if err := decodeString(o.Target, p+"/targetNodeId", &out.Target); err != nil {
				return err
			}
			if err := decodeString(o.Condition, p+"/condition", &out.Condition); err != nil {
				return err
			}
			n.Outcomes = append(n.Outcomes, out)
		}
		return nil
	}
	// A map: keep the keys in document order, which json.Unmarshal into a map would lose.
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return &DecodeError{Path: path, Msg: string(n.Type) + " outcomes must be an object mapping outcome names to node ids, got " + jsonKind(raw)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // '{'
		return &DecodeError{Path: path, Msg: "invalid JSON: " + jsonMsg(err)}
	}
	n.Outcomes = []Outcome{}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &DecodeError{Path: path, Msg: "invalid JSON: " + jsonMsg(err)}
		}
		name, _ := tok.(string)
		var target json.RawMessage
		if err := dec.Decode(&target); err != nil {
			return &DecodeError{Path: path, Msg: "invalid JSON: " + jsonMsg(err)}
		}
		p := path + "/" + escapePointer(name)
		var t string
		if isNull(target) {
			return &DecodeError{Path: p, Msg: "expected a node id, got null"}
		}
		if err := decodeString(target, p, &t); err != nil {
			return &DecodeError{Path: p, Msg: "expected a node id (a string), got " + jsonKind(target)}
		}
		if seen[name] {
			return &DecodeError{Path: p, Msg: "outcome " + strconv.Quote(name) + " appears twice"}
		}
		seen[name] = true
		n.Outcomes = append(n.Outcomes, Outcome{ID: name, Target: t})
	}
	return nil
}

// escapePointer escapes one JSON-pointer reference token (RFC 6901).
func escapePointer(s string) string {
	if !bytes.ContainsAny([]byte(s), "~/") {
		return s
	}
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MarshalJSON writes the node in FaceSign's shape: id, type, the type's fields in
// catalogue order (unset ones omitted), outcomes, then any extra fields.
func (n Node) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	put := func(name string, v any) error {
		enc, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("flowbuild: encode %s: %w", name, err)
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(quote(name)) // JSON quoting: strconv.Quote writes Go escapes (\x7f) that are not JSON
		b.WriteByte(':')
		b.Write(enc)
		return nil
	}
	if err := put("id", n.ID); err != nil {
		return nil, err
	}
	if err := put("type", string(n.Type)); err != nil {
		return nil, err
	}
	info, known := catalogByType[n.Type]
	if known {
		for _, name := range info.Fields {
			v, ok := n.fieldValue(name)
			if !ok {
				continue
			}
			if err := put(name, v); err != nil {
				return nil, err
			}
		}
	}
	if !known || info.Shape != ShapeNone {
		if n.Outcomes != nil || (known && info.Shape != ShapeNone) {
			if err := put("outcomes", outcomesJSON{n.Outcomes, n.Shape()}); err != nil {
				return nil, err
			}
		}
	}
	if len(n.Extra) > 0 {
		keys := make([]string, 0, len(n.Extra))
		for k := range n.Extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !json.Valid(n.Extra[k]) {
				return nil, fmt.Errorf("flowbuild: extra field %q of node %q is not valid JSON", k, n.ID)
			}
			if err := put(k, n.Extra[k]); err != nil {
				return nil, err
			}
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (n *Node) fieldValue(name string) (any, bool) {
	switch name {
	case "outcome":
		return n.Next, true
	case "prompt":
		return n.Prompt, n.Prompt != "" || n.Type == TypeConversation
	case "doesNotRequireReply":
		return n.DoesNotRequireReply, n.DoesNotRequireReply
	case "permissions":
		return n.Permissions, n.Permissions != nil
	case "captureInstructions":
		return n.CaptureInstructions, n.CaptureInstructions != ""
	case "requireLivenessChallenge":
		return n.RequireLivenessChallenge, n.RequireLivenessChallenge != nil
	case "similarityThreshold":
		return n.SimilarityThreshold, n.SimilarityThreshold != nil
	case "sourceA":
		return n.SourceA, n.SourceA != nil
	case "sourceB":
		return n.SourceB, n.SourceB != nil
	case "scanningMode":
		return n.ScanningMode, n.ScanningMode != ""
	case "allowedDocumentTypes":
		return n.AllowedDocumentTypes, n.AllowedDocumentTypes != nil
	case "otpLength":
		return n.OTPLength, n.OTPLength != nil
	case "expirySeconds":
		return n.ExpirySeconds, n.ExpirySeconds != nil
	case "maxAttempts":
		return n.MaxAttempts, n.MaxAttempts != nil
	case "validation":
		return n.Validation, n.Validation != nil
	}
	return nil, false
}

type outcomesJSON struct {
	items []Outcome
	shape OutcomeShape
}

func (o outcomesJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if o.shape == ShapeList {
		b.WriteByte('[')
		for i, it := range o.items {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":%s,"targetNodeId":%s,"condition":%s}`, quote(it.ID), quote(it.Target), quote(it.Condition))
		}
		b.WriteByte(']')
		return b.Bytes(), nil
	}
	b.WriteByte('{')
	for i, it := range o.items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(quote(it.ID))
		b.WriteByte(':')
		b.WriteString(quote(it.Target))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// quote encodes s as a JSON string the way encoding/json does (HTML-safe).
func quote(s string) string {
	enc, _ := json.Marshal(s) // a string always encodes
	return string(enc)
}

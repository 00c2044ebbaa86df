package flow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
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

// EscapePointer escapes one JSON-pointer reference token (RFC 6901): the
// paths of Problems and DecodeErrors are built with it.
func EscapePointer(s string) string {
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
// catalogue order (unset ones omitted), outcomes, then any extra fields. Every
// value goes through one encoder into one buffer: a json.Marshal per field
// cost a flow of ten nodes about 250 allocations, most of get_session's encode.
func (n Node) MarshalJSON() ([]byte, error) {
	w := newJSONWriter()
	if err := w.node(n); err != nil {
		return nil, err
	}
	return w.b.Bytes(), nil
}

// MarshalJSON writes the nodes into one buffer, so encoding/json checks the
// flow's bytes once instead of once per node.
func (f Flow) MarshalJSON() ([]byte, error) {
	if f == nil {
		return []byte("null"), nil
	}
	w := newJSONWriter()
	w.b.WriteByte('[')
	for i, n := range f {
		if i > 0 {
			w.b.WriteByte(',')
		}
		if err := w.node(n); err != nil {
			return nil, err
		}
	}
	w.b.WriteByte(']')
	return w.b.Bytes(), nil
}

func (w *jsonWriter) node(n Node) error {
	w.b.WriteByte('{')
	w.first = true
	w.member("id", n.ID)
	w.member("type", string(n.Type))
	info, known := catalogByType[n.Type]
	if known {
		for _, name := range info.Fields {
			if v, ok := n.fieldValue(name); ok {
				w.member(name, v)
			}
		}
	}
	if !known || info.Shape != ShapeNone {
		if n.Outcomes != nil || (known && info.Shape != ShapeNone) {
			w.key("outcomes")
			w.outcomes(n.Outcomes, n.Shape())
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
				return fmt.Errorf("flow: extra field %q of node %q is not valid JSON", k, n.ID)
			}
			w.member(k, n.Extra[k])
		}
	}
	w.b.WriteByte('}')
	if w.err != nil {
		return fmt.Errorf("flow: encode node %q: %w", n.ID, w.err)
	}
	return nil
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

// jsonWriter writes JSON values into one buffer with one encoder, which quotes
// strings as encoding/json does (HTML-safe; strconv.Quote writes Go escapes such
// as \x7f that are not JSON). The first error is kept and later writes are no-ops.
type jsonWriter struct {
	b     bytes.Buffer
	enc   *json.Encoder
	first bool // no member written yet
	err   error
}

func newJSONWriter() *jsonWriter {
	w := &jsonWriter{first: true}
	w.enc = json.NewEncoder(&w.b)
	return w
}

// value writes v without the newline Encode ends every value with.
func (w *jsonWriter) value(v any) {
	if w.err != nil {
		return
	}
	if w.err = w.enc.Encode(v); w.err == nil {
		w.b.Truncate(w.b.Len() - 1)
	}
}

// key writes an object member's name, after a comma unless it is the first.
func (w *jsonWriter) key(name string) {
	if !w.first {
		w.b.WriteByte(',')
	}
	w.first = false
	w.value(name)
	w.b.WriteByte(':')
}

func (w *jsonWriter) member(name string, v any) {
	w.key(name)
	w.value(v)
}

// outcomes writes a node's outcomes in its shape: a list of {id, targetNodeId,
// condition} or an object from outcome to target.
func (w *jsonWriter) outcomes(items []Outcome, shape OutcomeShape) {
	open, close := byte('{'), byte('}')
	if shape == ShapeList {
		open, close = '[', ']'
	}
	w.b.WriteByte(open)
	for i, it := range items {
		if i > 0 {
			w.b.WriteByte(',')
		}
		if shape == ShapeList {
			w.b.WriteString(`{"id":`)
			w.value(it.ID)
			w.b.WriteString(`,"targetNodeId":`)
			w.value(it.Target)
			w.b.WriteString(`,"condition":`)
			w.value(it.Condition)
			w.b.WriteByte('}')
			continue
		}
		w.value(it.ID)
		w.b.WriteByte(':')
		w.value(it.Target)
	}
	w.b.WriteByte(close)
}

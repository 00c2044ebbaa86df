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
// catalogue order (unset ones omitted), outcomes, then any extra fields.
func (n Node) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	put := func(name string, v any) error {
		enc, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("flow: encode %s: %w", name, err)
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
				return nil, fmt.Errorf("flow: extra field %q of node %q is not valid JSON", k, n.ID)
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

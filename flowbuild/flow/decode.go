package flow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Decoding a flow is on the hot path of validate_flow, get_session and the sandbox,
// so Decode checks the document once with json.Valid and then walks it with the
// scanner in jsonscan.go: one pass over each node's members, values decoded straight
// from their bytes. Its behaviour is that of the straightforward decoder it replaced
// (map[string]json.RawMessage per node, encoding/json per field), which
// decode_oracle_test.go keeps as the reference the differential tests compare with:
// the same documents are accepted, give the same Flow, and fail with the same
// *DecodeError. Where encoding/json has a quirk the old decoder inherited (repeated
// keys: the last counts; struct keys match case-insensitively; invalid UTF-8 becomes
// U+FFFD), Decode keeps it; the comments below say where.
//
// Errors are built from the inside out: a field's decoder reports a path relative
// to itself and each level prepends its own token (see under), so paths are only
// formatted when decoding fails.

// Decode reads a flow from JSON. It accepts a bare array of nodes, or an object
// whose "nodes" or "flow" member is that array (the shapes assistants and our own
// `flow build --json` produce). A document that is not a flow gets a *DecodeError
// naming where it went wrong; Decode never panics.
func Decode(data []byte) (Flow, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, &DecodeError{Msg: "empty document: expected an array of nodes"}
	}
	if data[0] != '[' && data[0] != '{' {
		if !json.Valid(data) {
			return nil, &DecodeError{Msg: "invalid JSON"}
		}
		return nil, &DecodeError{Msg: "expected an array of nodes, got " + JSONKind(data)}
	}
	// The scanner below relies on this check.
	if !json.Valid(data) {
		return nil, invalidJSON(data)
	}
	return decodeValid(data)
}

// decodeValid is Decode of a document already known to be valid JSON that
// starts with '[' or '{', without surrounding space.
func decodeValid(data []byte) (Flow, error) {
	nodes := data
	if data[0] == '{' {
		var err error
		if nodes, err = unwrapNodes(data); err != nil {
			return nil, err
		}
	}
	// Split the array first so that the flow is allocated once at its size; the
	// split goes on the stack for flows of usual length.
	items := make([][]byte, 0, 64)
	it := elements(nodes)
	for raw, ok := it.next(); ok; raw, ok = it.next() {
		items = append(items, raw)
	}
	if it.bad {
		return nil, &DecodeError{Msg: "invalid JSON"}
	}
	d := newDecoder(nodes)
	flow := make(Flow, len(items))
	for i, raw := range items {
		// The node's path is its index even inside a wrapper, as it always was.
		if err := flow[i].decode(d, raw); err != nil {
			return nil, under(strconv.Itoa(i), err)
		}
	}
	return flow, nil
}

// decoder carries the document being decoded. Its text is the document copied
// once into a string, so that a string value without escapes (nearly all of them)
// becomes a substring of it rather than an allocation of its own. The decoded
// flow's strings keep that copy alive, which costs about what they would take
// anyway: a flow is mostly strings.
type decoder struct {
	data []byte
	text string
}

func newDecoder(data []byte) *decoder {
	return &decoder{data: data, text: string(data)}
}

// unquote decodes a string literal that lies in d.data, as encoding/json would.
func (d *decoder) unquote(lit []byte) (string, bool) {
	body, plain := plainBody(lit)
	if !plain {
		return unquote(lit)
	}
	if len(body) == 0 {
		return "", true
	}
	// The scanner hands out slices data[i:j], whose capacity runs to the end of
	// data's, so the capacities differ by the offset; the address check makes sure.
	off := cap(d.data) - cap(body)
	if off < 0 || off+len(body) > len(d.data) || &d.data[off] != &body[0] {
		return string(body), true
	}
	return d.text[off : off+len(body)], true
}

// key returns a member key's decoded name as a string.
func (d *decoder) key(lit []byte) string {
	s, _ := d.unquote(lit)
	return s
}

// unwrapNodes returns the node array of a {"nodes": [...]} or {"flow": [...]}
// document. "nodes" wins over "flow"; of a repeated key the last counts, as it did
// when the wrapper was decoded into a Go map.
func unwrapNodes(obj []byte) ([]byte, error) {
	var nodes, flow []byte
	it := members(obj)
	for k, v, ok := it.next(); ok; k, v, ok = it.next() {
		switch string(keyBytes(k)) {
		case "nodes":
			nodes = v
		case "flow":
			flow = v
		}
	}
	if it.bad {
		return nil, &DecodeError{Msg: "invalid JSON"}
	}
	key, raw := "nodes", nodes
	if raw == nil {
		key, raw = "flow", flow
	}
	if raw == nil {
		return nil, &DecodeError{Msg: `expected an array of nodes, or an object with a "nodes" array`}
	}
	if raw[0] != '[' {
		return nil, &DecodeError{Path: "/" + key, Msg: "expected an array of nodes, got " + JSONKind(raw)}
	}
	return raw, nil
}

// UnmarshalJSON implements json.Unmarshaler with Decode's rules.
func (f *Flow) UnmarshalJSON(data []byte) error {
	// "The input can be assumed to be a valid encoding of a JSON value"
	// (json.Unmarshaler): encoding/json checked the whole document before
	// handing this value over, so Decode's json.Valid is not run again.
	data = bytes.TrimSpace(data)
	decode := Decode
	if len(data) > 0 && (data[0] == '[' || data[0] == '{') {
		decode = decodeValid
	}
	flow, err := decode(data)
	if err != nil {
		return err
	}
	*f = flow
	return nil
}

// UnmarshalJSON implements json.Unmarshaler for a single node.
func (n *Node) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return notANode(data)
	}
	// encoding/json hands over valid JSON, but a direct caller might not.
	if !json.Valid(data) {
		return invalidJSON(data)
	}
	return n.decode(newDecoder(data), data)
}

// under prepends one JSON-pointer token to a decode error's path.
func under(token string, err error) error {
	if de, ok := err.(*DecodeError); ok {
		de.Path = "/" + token + de.Path
	}
	return err
}

// invalidJSON describes why data is not JSON the way encoding/json does.
func invalidJSON(data []byte) *DecodeError {
	var v json.RawMessage
	if err := json.Unmarshal(data, &v); err != nil {
		return &DecodeError{Msg: "invalid JSON: " + jsonMsg(err)}
	}
	return &DecodeError{Msg: "invalid JSON"}
}

func notANode(data []byte) *DecodeError {
	return &DecodeError{Msg: "a node must be an object, got " + JSONKind(data)}
}

// expected reports a value of the wrong kind.
func expected(want string, raw []byte) *DecodeError {
	return &DecodeError{Msg: "expected " + want + ", got " + JSONKind(raw)}
}

// JSONKind names the kind of the JSON value raw ("an object", "null", …) for
// messages that say what was sent instead of what was expected; "nothing"
// when raw is empty. raw is not validated: only its first byte is read.
func JSONKind(raw []byte) string {
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
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	return err.Error()
}

// isNull reports whether a raw value from the scanner (never padded) is null.
func isNull(raw []byte) bool {
	return string(raw) == "null"
}

// The members of a node that the decoder knows by name; any other goes to Extra.
const (
	fieldID = iota
	fieldType
	fieldOutcomes
	fieldOutcome
	fieldPrompt
	fieldDoesNotRequireReply
	fieldPermissions
	fieldCaptureInstructions
	fieldRequireLivenessChallenge
	fieldSimilarityThreshold
	fieldSourceA
	fieldSourceB
	fieldScanningMode
	fieldAllowedDocumentTypes
	fieldOTPLength
	fieldExpirySeconds
	fieldMaxAttempts
	fieldValidation
	numFields
)

// fieldIndex numbers a member name, or returns -1. Names match exactly: a node's
// members were looked up in a Go map, so "Prompt" is an extra field, not the prompt.
func fieldIndex(name []byte) int {
	switch string(name) {
	case "id":
		return fieldID
	case "type":
		return fieldType
	case "outcomes":
		return fieldOutcomes
	case "outcome":
		return fieldOutcome
	case "prompt":
		return fieldPrompt
	case "doesNotRequireReply":
		return fieldDoesNotRequireReply
	case "permissions":
		return fieldPermissions
	case "captureInstructions":
		return fieldCaptureInstructions
	case "requireLivenessChallenge":
		return fieldRequireLivenessChallenge
	case "similarityThreshold":
		return fieldSimilarityThreshold
	case "sourceA":
		return fieldSourceA
	case "sourceB":
		return fieldSourceB
	case "scanningMode":
		return fieldScanningMode
	case "allowedDocumentTypes":
		return fieldAllowedDocumentTypes
	case "otpLength":
		return fieldOTPLength
	case "expirySeconds":
		return fieldExpirySeconds
	case "maxAttempts":
		return fieldMaxAttempts
	case "validation":
		return fieldValidation
	}
	return -1
}

// fieldSet is a set of field numbers.
type fieldSet uint32

func (s fieldSet) has(f int) bool { return s&(1<<f) != 0 }

// decode reads one node object (valid JSON, no surrounding space). Error paths are
// relative to the node.
func (n *Node) decode(d *decoder, data []byte) error {
	if len(data) == 0 || data[0] != '{' {
		return notANode(data)
	}
	*n = Node{}

	// One pass over the members keeps the raw value of each known one; as with the
	// Go map this replaced, the last of a repeated key counts.
	var raw [numFields][]byte
	var present fieldSet
	unknown := false
	it := members(data)
	for k, v, ok := it.next(); ok; k, v, ok = it.next() {
		if f := fieldIndex(keyBytes(k)); f >= 0 {
			raw[f] = v
			present |= 1 << f
		} else {
			unknown = true
		}
	}
	if it.bad {
		return &DecodeError{Msg: "invalid JSON"}
	}

	// Decode in the order the errors have always been reported in: id, type, the
	// type's fields in catalogue order, outcomes.
	used := fieldSet(1<<fieldID | 1<<fieldType)
	if err := d.decodeString(raw[fieldID], &n.ID); err != nil {
		return under("id", err)
	}
	var typ string
	if err := d.decodeString(raw[fieldType], &typ); err != nil {
		return under("type", err)
	}
	n.Type = NodeType(typ)

	info, known := catalogByType[n.Type]
	if known {
		for _, name := range info.Fields {
			f := fieldIndex([]byte(name))
			if f < 0 {
				return fmt.Errorf("flow: field %q has no decoder", name) // a catalogue/decoder mismatch: a bug
			}
			used |= 1 << f
			if v := raw[f]; v != nil && !isNull(v) {
				if err := n.decodeField(d, f, v); err != nil {
					return under(name, err)
				}
			}
		}
	}
	if v := raw[fieldOutcomes]; v != nil && (!known || info.Shape != ShapeNone) {
		used |= 1 << fieldOutcomes
		if !isNull(v) {
			shape := ShapeMap
			if known {
				shape = info.Shape
			} else if v[0] == '[' {
				shape = ShapeList
				n.outcomesList = true
			}
			if err := n.decodeOutcomes(d, v, shape); err != nil {
				return under("outcomes", err)
			}
		}
	}

	if unknown || present&^used != 0 {
		n.Extra = d.extraFields(data, used)
	}
	return nil
}

// extraFields collects the members of a node outside used, keyed by their decoded
// names. The values are copies, as encoding/json made them: the caller may reuse
// the document's bytes.
func (d *decoder) extraFields(data []byte, used fieldSet) map[string]json.RawMessage {
	extra := make(map[string]json.RawMessage)
	it := members(data)
	for k, v, ok := it.next(); ok; k, v, ok = it.next() {
		if f := fieldIndex(keyBytes(k)); f >= 0 && used.has(f) {
			continue
		}
		extra[d.key(k)] = bytes.Clone(v) // a later repeat overwrites, as in a map
	}
	return extra
}

// decodeField decodes one of the type's fields from a raw value that is not null.
func (n *Node) decodeField(d *decoder, f int, raw []byte) error {
	switch f {
	case fieldOutcome:
		return d.decodeString(raw, &n.Next)
	case fieldPrompt:
		return d.decodeString(raw, &n.Prompt)
	case fieldDoesNotRequireReply:
		return decodeBool(raw, &n.DoesNotRequireReply)
	case fieldPermissions:
		n.Permissions = new(Permissions)
		return decodePermissions(raw, n.Permissions)
	case fieldCaptureInstructions:
		return d.decodeString(raw, &n.CaptureInstructions)
	case fieldRequireLivenessChallenge:
		n.RequireLivenessChallenge = new(bool)
		return decodeBool(raw, n.RequireLivenessChallenge)
	case fieldSimilarityThreshold:
		n.SimilarityThreshold = new(float64)
		return decodeFloat(raw, "a number between 0 and 1", n.SimilarityThreshold)
	case fieldSourceA:
		n.SourceA = new(FaceSource)
		return d.decodeFaceSource(raw, n.SourceA)
	case fieldSourceB:
		n.SourceB = new(FaceSource)
		return d.decodeFaceSource(raw, n.SourceB)
	case fieldScanningMode:
		return d.decodeString(raw, &n.ScanningMode)
	case fieldAllowedDocumentTypes:
		return d.decodeStrings(raw, &n.AllowedDocumentTypes)
	case fieldOTPLength:
		n.OTPLength = new(int)
		return decodeInt(raw, "a whole number", n.OTPLength)
	case fieldExpirySeconds:
		n.ExpirySeconds = new(int)
		return decodeInt(raw, "a whole number of seconds", n.ExpirySeconds)
	case fieldMaxAttempts:
		n.MaxAttempts = new(int)
		return decodeInt(raw, "a whole number", n.MaxAttempts)
	case fieldValidation:
		n.Validation = new(Validation)
		return d.decodeValidation(raw, n.Validation)
	}
	return fmt.Errorf("flow: field %d has no decoder", f) // a catalogue/decoder mismatch: a bug
}

// decodeString sets *dst from a string value; an absent (nil) or null value leaves
// it alone.
func (d *decoder) decodeString(raw []byte, dst *string) error {
	if raw == nil || isNull(raw) {
		return nil
	}
	if s, ok := d.stringValue(raw); ok {
		*dst = s
		return nil
	}
	return expected("a string", raw)
}

// stringValue decodes raw when it is a string.
func (d *decoder) stringValue(raw []byte) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	return d.unquote(raw)
}

func decodeBool(raw []byte, dst *bool) error {
	switch string(raw) {
	case "true":
		*dst = true
	case "false":
		*dst = false
	default:
		return expected("a boolean", raw)
	}
	return nil
}

// isNumber reports whether a raw value is a number (valid JSON: the first byte tells).
func isNumber(raw []byte) bool {
	return len(raw) > 0 && (raw[0] == '-' || '0' <= raw[0] && raw[0] <= '9')
}

// decodeInt accepts what encoding/json puts in an int: a number without fraction or
// exponent that fits.
func decodeInt(raw []byte, want string, dst *int) error {
	if !isNumber(raw) {
		return expected(want, raw)
	}
	v, err := strconv.ParseInt(string(raw), 10, strconv.IntSize)
	if err != nil {
		return expected(want, raw)
	}
	*dst = int(v)
	return nil
}

// decodeFloat accepts what encoding/json puts in a float64: any number in range.
func decodeFloat(raw []byte, want string, dst *float64) error {
	if !isNumber(raw) {
		return expected(want, raw)
	}
	v, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return expected(want, raw)
	}
	*dst = v
	return nil
}

// decodeStrings decodes an array of strings; a null element is "", and an empty
// array is an empty, non-nil slice, as encoding/json leaves them.
func (d *decoder) decodeStrings(raw []byte, dst *[]string) error {
	const want = "an array of strings"
	n := countElements(raw)
	if n < 0 {
		return expected(want, raw)
	}
	out := make([]string, 0, n)
	it := elements(raw)
	for v, ok := it.next(); ok; v, ok = it.next() {
		s, ok := d.stringValue(v)
		if !ok && !isNull(v) {
			return expected(want, raw)
		}
		out = append(out, s)
	}
	*dst = out
	return nil
}

// The small objects (permissions, face sources, validation, list outcomes) were
// decoded into Go structs, so their keys follow encoding/json's struct rules, kept
// here: a key names a field when equal to its name ignoring case (Unicode simple
// folding, as bytes.EqualFold), other keys are ignored, the last of repeated keys
// counts, and null leaves a field as it was.

// matchKey reports whether a decoded key names the struct field name.
func matchKey(key []byte, name string) bool {
	return string(key) == name || bytes.EqualFold(key, []byte(name))
}

// setBool sets *dst from a boolean or null value and reports whether it was one.
func setBool(raw []byte, dst *bool) bool {
	return isNull(raw) || decodeBool(raw, dst) == nil
}

// setString sets *dst from a string or null value and reports whether it was one.
func (d *decoder) setString(raw []byte, dst *string) bool {
	return d.decodeString(raw, dst) == nil
}

func decodePermissions(raw []byte, p *Permissions) error {
	const want = "an object {camera, microphone} of booleans"
	if raw[0] != '{' {
		return expected(want, raw)
	}
	ok := true // encoding/json goes on after a wrong value, then fails
	it := members(raw)
	for k, v, more := it.next(); more; k, v, more = it.next() {
		switch key := keyBytes(k); {
		case matchKey(key, "camera"):
			ok = setBool(v, &p.Camera) && ok
		case matchKey(key, "microphone"):
			ok = setBool(v, &p.Microphone) && ok
		}
	}
	if !ok || it.bad {
		return expected(want, raw)
	}
	return nil
}

func (d *decoder) decodeFaceSource(raw []byte, s *FaceSource) error {
	const want = `an object {"source": ...}`
	if raw[0] != '{' {
		return expected(want, raw)
	}
	ok := true
	it := members(raw)
	for k, v, more := it.next(); more; k, v, more = it.next() {
		switch key := keyBytes(k); {
		case matchKey(key, "source"):
			ok = d.setString(v, &s.Source) && ok
		case matchKey(key, "providedDataKey"):
			ok = d.setString(v, &s.ProvidedDataKey) && ok
		}
	}
	if !ok || it.bad {
		return expected(want, raw)
	}
	return nil
}

// decodeValidation decodes {"field", "action", "value"} with strings throughout,
// except that a value that is not a string, object or array ("value": 18, common
// in hand-written flows) is taken as its JSON text. That leniency was a second
// decode with value as json.RawMessage, which a null also sets (to "null"): so the
// last "value" member written counts, whatever it holds.
func (d *decoder) decodeValidation(raw []byte, dst *Validation) error {
	const want = `an object {"field", "action", "value"}`
	if raw[0] != '{' {
		return expected(want, raw)
	}
	var v Validation
	textOK, valueOK := true, true // field and action were strings; so was value
	var lastValue []byte
	it := members(raw)
	for k, m, more := it.next(); more; k, m, more = it.next() {
		switch key := keyBytes(k); {
		case matchKey(key, "field"):
			textOK = d.setString(m, &v.Field) && textOK
		case matchKey(key, "action"):
			textOK = d.setString(m, &v.Action) && textOK
		case matchKey(key, "value"):
			valueOK = d.setString(m, &v.Value) && valueOK
			lastValue = m
		}
	}
	if it.bad || !textOK {
		return expected(want, raw)
	}
	if !valueOK {
		if len(lastValue) == 0 || lastValue[0] == '{' || lastValue[0] == '[' || lastValue[0] == '"' {
			return expected(want, raw)
		}
		v.Value = string(lastValue)
	}
	*dst = v
	return nil
}

func (n *Node) decodeOutcomes(d *decoder, raw []byte, shape OutcomeShape) error {
	if shape == ShapeList {
		return n.decodeListOutcomes(d, raw)
	}
	return n.decodeMapOutcomes(d, raw)
}

// decodeListOutcomes reads [{"id", "targetNodeId", "condition"}, ...].
func (n *Node) decodeListOutcomes(d *decoder, raw []byte) error {
	if raw[0] != '[' {
		return &DecodeError{Msg: string(n.Type) + " outcomes must be an array of {id, targetNodeId, condition}, got " + JSONKind(raw)}
	}
	// Collect on the stack, then allocate the outcomes once at their size.
	outs := make([]Outcome, 0, 8)
	it := elements(raw)
	for item, ok := it.next(); ok; item, ok = it.next() {
		o, err := d.decodeListOutcome(item)
		if err != nil {
			return under(strconv.Itoa(len(outs)), err)
		}
		outs = append(outs, o)
	}
	if it.bad {
		return &DecodeError{Msg: "invalid JSON"}
	}
	n.Outcomes = make([]Outcome, len(outs)) // not nil when empty, as before
	copy(n.Outcomes, outs)
	return nil
}

func (d *decoder) decodeListOutcome(item []byte) (Outcome, error) {
	var o Outcome
	if item[0] != '{' {
		return o, &DecodeError{Msg: "an outcome must be an object {id, targetNodeId, condition}, got " + JSONKind(item)}
	}
	// Struct rules (see matchKey), except that each member was kept raw, so a later
	// null does clear an earlier value.
	var id, target, cond []byte
	it := members(item)
	for k, v, ok := it.next(); ok; k, v, ok = it.next() {
		switch key := keyBytes(k); {
		case matchKey(key, "id"):
			id = v
		case matchKey(key, "targetNodeId"):
			target = v
		case matchKey(key, "condition"):
			cond = v
		}
	}
	if it.bad {
		return o, &DecodeError{Msg: "invalid JSON"}
	}
	if err := d.decodeString(id, &o.ID); err != nil {
		return o, under("id", err)
	}
	if err := d.decodeString(target, &o.Target); err != nil {
		return o, under("targetNodeId", err)
	}
	if err := d.decodeString(cond, &o.Condition); err != nil {
		return o, under("condition", err)
	}
	return o, nil
}

// decodeMapOutcomes reads {"outcomeName": "targetNodeId", ...}, keeping the names
// in document order, which a Go map would lose, and refusing a repeated name.
func (n *Node) decodeMapOutcomes(d *decoder, raw []byte) error {
	if raw[0] != '{' {
		return &DecodeError{Msg: string(n.Type) + " outcomes must be an object mapping outcome names to node ids, got " + JSONKind(raw)}
	}
	// Collect on the stack, then allocate the outcomes once at their size.
	outs := make([]Outcome, 0, 8)
	// A type has at most five outcome names, so a linear search finds repeats; a map
	// takes over only for documents with many, where that would be quadratic.
	const linearLimit = 32
	var seen map[string]bool
	it := members(raw)
	for k, v, ok := it.next(); ok; k, v, ok = it.next() {
		name := d.key(k)
		if isNull(v) {
			return &DecodeError{Path: "/" + EscapePointer(name), Msg: "expected a node id, got null"}
		}
		target, isString := d.stringValue(v)
		if !isString {
			return &DecodeError{Path: "/" + EscapePointer(name), Msg: "expected a node id (a string), got " + JSONKind(v)}
		}
		if hasOutcome(outs, name, seen) {
			return &DecodeError{Path: "/" + EscapePointer(name), Msg: "outcome " + strconv.Quote(name) + " appears twice"}
		}
		outs = append(outs, Outcome{ID: name, Target: target})
		if seen != nil {
			seen[name] = true
		} else if len(outs) == linearLimit {
			seen = make(map[string]bool, 2*linearLimit)
			for _, o := range outs {
				seen[o.ID] = true
			}
		}
	}
	if it.bad {
		return &DecodeError{Msg: "invalid JSON"}
	}
	n.Outcomes = make([]Outcome, len(outs)) // not nil when empty, as before
	copy(n.Outcomes, outs)
	return nil
}

// hasOutcome reports whether name is among outs, using seen when it has been built.
func hasOutcome(outs []Outcome, name string, seen map[string]bool) bool {
	if seen != nil {
		return seen[name]
	}
	for _, o := range outs {
		if o.ID == name {
			return true
		}
	}
	return false
}

package flow

// The decoder as it was before the single-pass scanner (map[string]json.RawMessage
// per node, json.Decoder tokens for map outcomes), frozen here as the reference that
// the differential tests hold Decode to: same flow, or same error, for any input.
// Do not "fix" it; it defines the behaviour Decode must keep.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Decode reads a flow from JSON. It accepts a bare array of nodes, or an object
// whose "nodes" or "flow" member is that array (the shapes assistants and our own
// `flow build --json` produce). A document that is not a flow gets a *DecodeError
// naming where it went wrong; Decode never panics.
func oracleDecode(data []byte) (Flow, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, &DecodeError{Msg: "empty document: expected an array of nodes"}
	}
	var items []json.RawMessage
	switch data[0] {
	case '[':
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, &DecodeError{Msg: "invalid JSON: " + oracleJSONMsg(err)}
		}
	case '{':
		var wrapper map[string]json.RawMessage
		if err := json.Unmarshal(data, &wrapper); err != nil {
			return nil, &DecodeError{Msg: "invalid JSON: " + oracleJSONMsg(err)}
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
			return nil, &DecodeError{Path: "/" + key, Msg: "expected an array of nodes, got " + oracleJSONKind(raw)}
		}
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, &DecodeError{Path: "/" + key, Msg: "invalid JSON: " + oracleJSONMsg(err)}
		}
	default:
		if !json.Valid(data) {
			return nil, &DecodeError{Msg: "invalid JSON"}
		}
		return nil, &DecodeError{Msg: "expected an array of nodes, got " + oracleJSONKind(data)}
	}
	flow := make(Flow, len(items))
	for i, raw := range items {
		if err := flow[i].oracleDecode(raw, "/"+strconv.Itoa(i)); err != nil {
			return nil, err
		}
	}
	return flow, nil
}

func oracleJSONKind(raw []byte) string {
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

func oracleJSONMsg(err error) string {
	var se *json.SyntaxError
	if e, ok := err.(*json.SyntaxError); ok {
		se = e
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	return err.Error()
}

func oracleIsNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

func (n *Node) oracleDecode(data []byte, path string) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return &DecodeError{Path: path, Msg: "a node must be an object, got " + oracleJSONKind(data)}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return &DecodeError{Path: path, Msg: "invalid JSON: " + oracleJSONMsg(err)}
	}
	*n = Node{}
	if err := oracleDecodeString(fields["id"], path+"/id", &n.ID); err != nil {
		return err
	}
	var typ string
	if err := oracleDecodeString(fields["type"], path+"/type", &typ); err != nil {
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
			if oracleIsNull(raw) {
				continue
			}
			if err := n.oracleDecodeField(name, raw, path+"/"+name); err != nil {
				return err
			}
		}
	}
	if raw, ok := fields["outcomes"]; ok && (!known || info.Shape != ShapeNone) {
		delete(fields, "outcomes")
		if !oracleIsNull(raw) {
			shape := ShapeMap
			if known {
				shape = info.Shape
			} else if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
				shape = ShapeList
				n.outcomesList = true
			}
			if err := n.oracleDecodeOutcomes(raw, shape, path+"/outcomes"); err != nil {
				return err
			}
		}
	}
	if len(fields) > 0 {
		n.Extra = fields
	}
	return nil
}

func oracleDecodeString(raw json.RawMessage, path string, dst *string) error {
	if raw == nil || oracleIsNull(raw) {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return &DecodeError{Path: path, Msg: "expected a string, got " + oracleJSONKind(raw)}
	}
	return nil
}

func oracleDecodeValue[T any](raw json.RawMessage, path, want string, dst *T) error {
	if err := json.Unmarshal(raw, dst); err != nil {
		return &DecodeError{Path: path, Msg: "expected " + want + ", got " + oracleJSONKind(raw)}
	}
	return nil
}

func (n *Node) oracleDecodeField(name string, raw json.RawMessage, path string) error {
	switch name {
	case "outcome":
		return oracleDecodeString(raw, path, &n.Next)
	case "prompt":
		return oracleDecodeString(raw, path, &n.Prompt)
	case "doesNotRequireReply":
		return oracleDecodeValue(raw, path, "a boolean", &n.DoesNotRequireReply)
	case "permissions":
		n.Permissions = new(Permissions)
		return oracleDecodeValue(raw, path, "an object {camera, microphone} of booleans", n.Permissions)
	case "captureInstructions":
		return oracleDecodeString(raw, path, &n.CaptureInstructions)
	case "requireLivenessChallenge":
		n.RequireLivenessChallenge = new(bool)
		return oracleDecodeValue(raw, path, "a boolean", n.RequireLivenessChallenge)
	case "similarityThreshold":
		n.SimilarityThreshold = new(float64)
		return oracleDecodeValue(raw, path, "a number between 0 and 1", n.SimilarityThreshold)
	case "sourceA":
		n.SourceA = new(FaceSource)
		return oracleDecodeValue(raw, path, `an object {"source": ...}`, n.SourceA)
	case "sourceB":
		n.SourceB = new(FaceSource)
		return oracleDecodeValue(raw, path, `an object {"source": ...}`, n.SourceB)
	case "scanningMode":
		return oracleDecodeString(raw, path, &n.ScanningMode)
	case "allowedDocumentTypes":
		return oracleDecodeValue(raw, path, "an array of strings", &n.AllowedDocumentTypes)
	case "otpLength":
		n.OTPLength = new(int)
		return oracleDecodeValue(raw, path, "a whole number", n.OTPLength)
	case "expirySeconds":
		n.ExpirySeconds = new(int)
		return oracleDecodeValue(raw, path, "a whole number of seconds", n.ExpirySeconds)
	case "maxAttempts":
		n.MaxAttempts = new(int)
		return oracleDecodeValue(raw, path, "a whole number", n.MaxAttempts)
	case "validation":
		n.Validation = new(Validation)
		if err := oracleDecodeValue(raw, path, `an object {"field", "action", "value"}`, n.Validation); err != nil {
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
	return fmt.Errorf("flow: field %q has no decoder", name) // a catalogue/decoder mismatch: a bug
}

func (n *Node) oracleDecodeOutcomes(raw json.RawMessage, shape OutcomeShape, path string) error {
	if shape == ShapeList {
		var items []json.RawMessage
		if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '[' {
			return &DecodeError{Path: path, Msg: string(n.Type) + " outcomes must be an array of {id, targetNodeId, condition}, got " + oracleJSONKind(raw)}
		}
		if err := json.Unmarshal(raw, &items); err != nil {
			return &DecodeError{Path: path, Msg: "invalid JSON: " + oracleJSONMsg(err)}
		}
		n.Outcomes = make([]Outcome, 0, len(items))
		for i, item := range items {
			p := path + "/" + strconv.Itoa(i)
			if t := bytes.TrimSpace(item); len(t) == 0 || t[0] != '{' {
				return &DecodeError{Path: p, Msg: "an outcome must be an object {id, targetNodeId, condition}, got " + oracleJSONKind(item)}
			}
			var o struct {
				ID        json.RawMessage `json:"id"`
				Target    json.RawMessage `json:"targetNodeId"`
				Condition json.RawMessage `json:"condition"`
			}
			if err := json.Unmarshal(item, &o); err != nil {
				return &DecodeError{Path: p, Msg: "invalid JSON: " + oracleJSONMsg(err)}
			}
			var out Outcome
			if err := oracleDecodeString(o.ID, p+"/id", &out.ID); err != nil {
				return err
			}
			if err := oracleDecodeString(o.Target, p+"/targetNodeId", &out.Target); err != nil {
				return err
			}
			if err := oracleDecodeString(o.Condition, p+"/condition", &out.Condition); err != nil {
				return err
			}
			n.Outcomes = append(n.Outcomes, out)
		}
		return nil
	}
	// A map: keep the keys in document order, which json.Unmarshal into a map would lose.
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return &DecodeError{Path: path, Msg: string(n.Type) + " outcomes must be an object mapping outcome names to node ids, got " + oracleJSONKind(raw)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // '{'
		return &DecodeError{Path: path, Msg: "invalid JSON: " + oracleJSONMsg(err)}
	}
	n.Outcomes = []Outcome{}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &DecodeError{Path: path, Msg: "invalid JSON: " + oracleJSONMsg(err)}
		}
		name, _ := tok.(string)
		var target json.RawMessage
		if err := dec.Decode(&target); err != nil {
			return &DecodeError{Path: path, Msg: "invalid JSON: " + oracleJSONMsg(err)}
		}
		p := path + "/" + oracleEscapePointer(name)
		var t string
		if oracleIsNull(target) {
			return &DecodeError{Path: p, Msg: "expected a node id, got null"}
		}
		if err := oracleDecodeString(target, p, &t); err != nil {
			return &DecodeError{Path: p, Msg: "expected a node id (a string), got " + oracleJSONKind(target)}
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
func oracleEscapePointer(s string) string {
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

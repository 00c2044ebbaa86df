package flow

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Problem codes. They are stable: tools, tests and assistants key on them, so a
// code is never renamed, only added.
const (
	// Errors: FaceSign refuses the flow.
	CodeInvalidFlow            = "invalid_flow"              // the document is not a flow (a decode error)
	CodeEmptyFlow              = "empty_flow"                // no nodes at all
	CodeMissingID              = "missing_id"                // a node without an id
	CodeDuplicateID            = "duplicate_id"              // two nodes share an id
	CodeInvalidID              = "invalid_id"                // an id with control or bidirectional-override characters
	CodeUnknownType            = "unknown_type"              // a type that is not one of the thirteen (or none)
	CodeNoStart                = "no_start"                  // no start node
	CodeMultipleStarts         = "multiple_starts"           // more than one start node
	CodeNoEnd                  = "no_end"                    // no end node
	CodeMissingTarget          = "missing_target"            // an outcome (or start's outcome) with an empty target
	CodeDanglingTarget         = "dangling_target"           // an outcome pointing at a node that does not exist
	CodeMissingOutcome         = "missing_outcome"           // a required map outcome is absent
	CodeUnknownOutcome         = "unknown_outcome"           // a map outcome name the type does not define
	CodeNoOutcomes             = "no_outcomes"               // a conversation or data_validation with an empty outcome list
	CodeMissingOutcomeID       = "missing_outcome_id"        // a list outcome without an id
	CodeDuplicateOutcomeID     = "duplicate_outcome_id"      // two list outcomes of one node share an id
	CodeUnreachable            = "unreachable"               // no path from start leads to the node
	CodeNoPathToEnd            = "no_path_to_end"            // the node cannot reach any end
	CodeEmptyPrompt            = "empty_prompt"              // a conversation with nothing to say or pursue
	CodeInformingConversation  = "informing_conversation"    // doesNotRequireReply without exactly one unconditional outcome
	CodeOTPLength              = "otp_length"                // otpLength outside 4–8
	CodeOTPExpiry              = "otp_expiry"                // expirySeconds not positive
	CodeOTPMaxAttempts         = "otp_max_attempts"          // maxAttempts not positive
	CodeThresholdRange         = "threshold_out_of_range"    // similarityThreshold outside 0–1
	CodeUnknownDocumentType    = "unknown_document_type"     // allowedDocumentTypes has a type FaceSign does not scan
	CodeUnknownScanningMode    = "unknown_scanning_mode"     // scanningMode not single or automatic
	CodeMissingFaceSource      = "missing_face_source"       // face_compare without sourceA or sourceB
	CodeUnknownFaceSource      = "unknown_face_source"       // a face source FaceSign does not know
	CodeMissingProvidedDataKey = "missing_provided_data_key" // providedData source without providedDataKey
	CodeMissingValidation      = "missing_validation"        // data_validation without a rule, a field or an action

	// Warnings: FaceSign accepts the flow, but it goes against FaceSign's patterns.
	CodeUnknownField               = "unknown_field"                // a field the node's type does not define (often a typo)
	CodeRecognitionWithoutLiveness = "recognition_without_liveness" // a recognized user can reach an end with no liveness check
	CodeVerificationOutcomeToEnd   = "verification_outcome_to_end"  // a liveness/recognition outcome ends the session without a conversation
	CodeShortGreeting              = "short_greeting"               // less than ~5 s of speech before the first video work
	CodeNoClosingLine              = "no_closing_line"              // a path ends right after a verification step, without a closing conversation
	CodeSourceNotCaptured          = "source_not_captured"          // a face_compare reads the document photo or face scan, but a path reaches it without that capture
)

// Greeting length: FaceSign wants about five seconds of the avatar speaking before
// recognition or liveness so that there is video to work with. At a conversational
// ~2.5 words per second that is 12.5 words; a greeting of 12 words or more passes.
const (
	wordsPerSecond   = 2.5
	minGreetingWords = 12
)

// ValidateJSON decodes data and validates the flow. A document that is not a flow
// yields a nil flow and exactly one error with code invalid_flow at the decode path.
func ValidateJSON(data []byte) (Flow, []Problem) {
	f, err := Decode(data)
	if err != nil {
		var de *DecodeError
		p := Problem{Severity: SeverityError, Code: CodeInvalidFlow, Message: err.Error(),
			Fix: "Send the flow as a JSON array of node objects, each with an id, a type and its outcomes (see the flow JSON Schema)."}
		if errors.As(err, &de) {
			p.Path, p.Message = de.Path, de.Msg
		}
		return nil, []Problem{p}
	}
	return f, Validate(f)
}

// Validate returns every problem of the flow at once: errors first (flow-wide,
// then node by node, then reachability), then warnings, in node order. A valid
// flow that follows FaceSign's patterns yields nil.
func Validate(f Flow) []Problem {
	if len(f) == 0 {
		return []Problem{{Severity: SeverityError, Code: CodeEmptyFlow, Path: "",
			Message: "the flow has no nodes",
			Fix:     `Add at least a start node and an end node: [{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}].`}}
	}
	c := newChecker(f)
	c.checkStartEnd()
	c.checkIDsAndTypes()
	for i := range f {
		c.checkNode(i)
	}
	c.checkReachability()
	c.warnUnknownFields()
	c.warnRecognition()
	c.warnVerificationToEnd()
	c.warnGreeting()
	c.warnClosingLine()
	c.warnUncapturedSource()
	return c.probs
}

// checker holds what every check needs, computed once: every edge's target
// resolved to a node index, as an adjacency list.
type checker struct {
	f      Flow
	info   []*TypeInfo         // nil for an unknown type
	lookup func(id string) int // the index of the first node with id, or -1
	off    []int32             // edges of node i are tgt[off[i]:off[i+1]]
	tgt    []int32             // resolved target index, -1 when empty or missing
	first  []bool              // the node is the first with its (non-empty) id: it is what targets resolve to
	// broken marks nodes whose outgoing edges are already reported (dangling, empty,
	// missing): reachability treats them as able to end, so one mistake is one error.
	broken []bool
	starts []int32
	ends   int
	probs  []Problem

	// Built only when a problem needs them.
	hints       []int
	idList      []string
	idSet       map[string]bool
	suggestions int
}

// maxSuggestions bounds the "did you mean" searches of one Validate.
const maxSuggestions = 64

func newChecker(f Flow) *checker {
	n := len(f)
	c := &checker{f: f, lookup: f.Indexer()}
	// One backing array for the per-node slices keeps allocations flat.
	c.info = make([]*TypeInfo, n)
	bools := make([]bool, 2*n)
	c.first, c.broken = bools[:n:n], bools[n:]
	total := 0
	for i := range f {
		c.info[i] = catalogByType[f[i].Type]
		if f[i].Type == TypeStart {
			total++
		} else {
			total += len(f[i].Outcomes)
		}
	}
	c.off = make([]int32, n+1)
	c.tgt = make([]int32, 0, total)
	for i := range f {
		c.off[i] = int32(len(c.tgt))
		for _, e := range c.edges(i) {
			t := int32(-1)
			if e.Target != "" {
				t = int32(c.lookup(e.Target))
			}
			c.tgt = append(c.tgt, t)
		}
		if f[i].ID != "" && c.lookup(f[i].ID) == i {
			c.first[i] = true
		}
		switch f[i].Type {
		case TypeStart:
			c.starts = append(c.starts, int32(i))
		case TypeEnd:
			c.ends++
		}
	}
	c.off[n] = int32(len(c.tgt))
	return c
}

// edges returns node i's outgoing edges; start's outcome is one edge. The end node
// has none, whatever it carries.
func (c *checker) edges(i int) []Outcome {
	n := &c.f[i]
	switch n.Type {
	case TypeStart:
		return []Outcome{{ID: "outcome", Target: n.Next}}
	case TypeEnd:
		return nil
	}
	return n.Outcomes
}

func (c *checker) targets(i int) []int32 { return c.tgt[c.off[i]:c.off[i+1]] }

func (c *checker) add(sev Severity, code, path, msg, fix string) {
	c.probs = append(c.probs, Problem{Severity: sev, Code: code, Path: path, Message: msg, Fix: fix})
}

func (c *checker) errorf(code, path, msg, fix string) { c.add(SeverityError, code, path, msg, fix) }
func (c *checker) warnf(code, path, msg, fix string)  { c.add(SeverityWarning, code, path, msg, fix) }

// name is how messages refer to node i.
func (c *checker) name(i int) string {
	n := &c.f[i]
	if n.ID == "" {
		return "node #" + strconv.Itoa(i)
	}
	return "node " + strconv.Quote(n.ID)
}

// nameT is name with the type, for messages where the type explains the rule.
func (c *checker) nameT(i int) string {
	return c.name(i) + " (" + string(c.f[i].Type) + ")"
}

func ptrNode(i int) string { return "/" + strconv.Itoa(i) }

func ptrField(i int, field string) string { return "/" + strconv.Itoa(i) + "/" + field }

// outcomePath points at the target of node i's k-th edge, in its wire shape.
func (c *checker) outcomePath(i, k int) string {
	n := &c.f[i]
	if n.Type == TypeStart {
		return ptrField(i, "outcome")
	}
	if n.Shape() == ShapeList {
		return ptrField(i, "outcomes/"+strconv.Itoa(k)+"/targetNodeId")
	}
	return ptrField(i, "outcomes/"+EscapePointer(n.Outcomes[k].ID))
}

func (c *checker) outcomeName(i, k int) string {
	if c.f[i].Type == TypeStart {
		return "the outcome"
	}
	return "outcome " + strconv.Quote(c.f[i].Outcomes[k].ID)
}

func (c *checker) checkIDsAndTypes() {
	for i := range c.f {
		n := &c.f[i]
		switch {
		case n.ID == "":
			c.errorf(CodeMissingID, ptrField(i, "id"), c.name(i)+" has no id",
				"Give the node a unique, non-empty id (for example "+strconv.Quote(c.freshNodeID(i))+") and point an outcome at it.")
		case !c.first[i]:
			j := c.lookup(n.ID)
			c.errorf(CodeDuplicateID, ptrField(i, "id"),
				"node #"+strconv.Itoa(i)+" reuses the id "+strconv.Quote(n.ID)+" of node #"+strconv.Itoa(j)+"; outcomes pointing at "+strconv.Quote(n.ID)+" can only reach the first",
				"Rename node #"+strconv.Itoa(i)+" (for example to "+strconv.Quote(c.freeID(n.ID))+") and point the outcomes meant for it at the new id.")
		}
		if r, bad := unsafeIDRune(n.ID); bad {
			c.errorf(CodeInvalidID, ptrField(i, "id"),
				"node id "+strconv.QuoteToASCII(n.ID)+" contains "+describeUnsafeRune(r)+"; an id must read the same in every log, report and editor",
				"Use letters, digits, '_' and '-' only, for example "+strconv.Quote(c.freshNodeID(i))+", and point the outcomes meant for this node at it.")
		}
		if c.info[i] == nil {
			if n.Type == "" {
				c.errorf(CodeUnknownType, ptrField(i, "type"), c.name(i)+" has no type",
					"Set type to one of: "+nodeTypeList()+".")
			} else {
				fix := "Use one of: " + nodeTypeList() + "."
				if s := c.suggest(string(n.Type), nodeTypeNames()); s != "" {
					fix = "Did you mean " + strconv.Quote(s) + "? " + fix
				}
				c.errorf(CodeUnknownType, ptrField(i, "type"), c.name(i)+" has unknown type "+strconv.Quote(string(n.Type)), fix)
			}
		}
	}
}

func (c *checker) checkStartEnd() {
	switch len(c.starts) {
	case 0:
		first := "the first node"
		if len(c.f) > 0 && c.f[0].ID != "" {
			first = strconv.Quote(c.f[0].ID)
		}
		c.errorf(CodeNoStart, "", "the flow has no start node",
			`Add {"id":"start","type":"start","outcome":`+quoteOr(c.f[0].ID, "<first node id>")+`} as the first node; its outcome names the node the session begins with (here probably `+first+`).`)
	case 1:
	default:
		for _, s := range c.starts[1:] {
			c.errorf(CodeMultipleStarts, ptrNode(int(s)),
				"the flow has "+strconv.Itoa(len(c.starts))+" start nodes; "+c.name(int(s))+" is one too many (the first is "+c.name(int(c.starts[0]))+")",
				"Keep exactly one start node: remove "+c.name(int(s))+", or turn it into the conversation it should lead to.")
		}
	}
	if c.ends == 0 {
		c.errorf(CodeNoEnd, "", "the flow has no end node, so no session can complete",
			`Add {"id":"end","type":"end"} and point the last outcome of each path (usually a closing conversation) at "end".`)
	}
}

func (c *checker) checkNode(i int) {
	n := &c.f[i]
	info := c.info[i]
	c.checkTargets(i)
	if info == nil {
		return
	}
	switch info.Shape {
	case ShapeMap:
		c.checkMapOutcomes(i, info)
	case ShapeList:
		c.checkListOutcomes(i)
	}
	switch n.Type {
	case TypeConversation:
		c.checkConversation(i)
	case TypeFaceScan:
		c.checkThreshold(i)
	case TypeFaceCompare:
		c.checkSource(i, "sourceA", n.SourceA)
		c.checkSource(i, "sourceB", n.SourceB)
		c.checkThreshold(i)
	case TypeDocumentScan:
		c.checkDocument(i)
	case TypeTwoFactorEmail, TypeTwoFactorSMS:
		c.checkOTP(i)
	case TypeDataValidation:
		c.checkDataValidation(i)
	}
}

func (c *checker) checkTargets(i int) {
	for k, t := range c.targets(i) {
		if t >= 0 {
			continue
		}
		c.broken[i] = true
		e := c.edges(i)[k]
		if e.Target == "" {
			c.errorf(CodeMissingTarget, c.outcomePath(i, k), c.name(i)+": "+c.outcomeName(i, k)+" has no target node",
				"Set "+c.outcomeName(i, k)+" of "+c.name(i)+" to the id of the node that should come next ("+c.someTargets(i)+").")
			continue
		}
		fix := "Point " + c.outcomeName(i, k) + " of " + c.name(i) + " at an existing node (" + c.someTargets(i) + "), or add a node with id " + strconv.Quote(e.Target) + "."
		if s := c.suggest(e.Target, c.ids()); s != "" {
			fix = "Did you mean " + strconv.Quote(s) + "? " + fix
		}
		c.errorf(CodeDanglingTarget, c.outcomePath(i, k),
			c.name(i)+": "+c.outcomeName(i, k)+" points at "+strconv.Quote(e.Target)+", which is not a node in this flow", fix)
	}
}

// someTargets lists a few ids an outcome of node i could point at, ends first.
// The candidates are gathered once per Validate, so flows with many broken
// outcomes stay linear.
func (c *checker) someTargets(i int) string {
	if c.hints == nil {
		c.hints = []int{}
		for pass := 0; pass < 2; pass++ {
			for j := range c.f {
				if len(c.hints) >= 6 {
					break
				}
				end := c.f[j].Type == TypeEnd
				if c.f[j].ID != "" && c.first[j] && ((pass == 0 && end) || (pass == 1 && !end && c.f[j].Type != TypeStart)) {
					c.hints = append(c.hints, j)
				}
			}
		}
	}
	var ids []string
	for _, j := range c.hints {
		if j != i && len(ids) < 5 {
			ids = append(ids, strconv.Quote(c.f[j].ID))
		}
	}
	if len(ids) == 0 {
		return "the flow has no node to point at yet"
	}
	return "for example " + strings.Join(ids, ", ")
}

func (c *checker) ids() []string {
	if c.idList == nil {
		c.idList = make([]string, 0, len(c.f))
		for i := range c.f {
			if c.f[i].ID != "" && c.first[i] {
				c.idList = append(c.idList, c.f[i].ID)
			}
		}
	}
	return c.idList
}

// suggest is nearestName within a budget: "did you mean" is a courtesy, and a
// huge flow full of typos must not make Validate quadratic.
func (c *checker) suggest(s string, candidates []string) string {
	if c.suggestions >= maxSuggestions {
		return ""
	}
	c.suggestions++
	return nearestName(s, candidates)
}

// freeID returns base, or base_2, base_3… whichever no node uses yet.
func (c *checker) freeID(base string) string {
	if c.idSet == nil {
		c.idSet = make(map[string]bool, len(c.f))
		for i := range c.f {
			c.idSet[c.f[i].ID] = true
		}
	}
	if !c.idSet[base] {
		return base
	}
	for k := 2; k < 1000; k++ {
		if id := base + "_" + strconv.Itoa(k); !c.idSet[id] {
			return id
		}
	}
	return base + "_new"
}

func (c *checker) checkMapOutcomes(i int, info *TypeInfo) {
	n := &c.f[i]
	if len(n.Outcomes) == 0 {
		c.broken[i] = true
		c.errorf(CodeMissingOutcome, ptrField(i, "outcomes"),
			c.nameT(i)+" has no outcomes; it needs "+quotedList(info.Outcomes),
			"Add an outcomes object mapping each of "+quotedList(info.Outcomes)+" to the id of the node that should follow it.")
		return
	}
	for _, name := range info.Outcomes {
		if _, ok := n.Outcome(name); ok {
			continue
		}
		c.broken[i] = true
		c.errorf(CodeMissingOutcome, ptrField(i, "outcomes/"+EscapePointer(name)),
			c.nameT(i)+" is missing outcome "+strconv.Quote(name)+"; FaceSign requires "+quotedList(info.Outcomes),
			"Add \""+name+"\": \"<node id>\" to the outcomes of "+c.name(i)+", pointing at the node that handles it ("+c.someTargets(i)+").")
	}
	for _, o := range n.Outcomes {
		if slices.Contains(info.Outcomes, o.ID) || slices.Contains(info.OptionalOutcomes, o.ID) {
			continue
		}
		allowed := quotedList(info.Outcomes)
		if len(info.OptionalOutcomes) > 0 {
			allowed += " (optional: " + quotedList(info.OptionalOutcomes) + ")"
		}
		fix := "Remove outcome " + strconv.Quote(o.ID) + " from " + c.name(i) + "; " + string(n.Type) + " outcomes are " + allowed + "."
		if s := c.suggest(o.ID, append(append([]string(nil), info.Outcomes...), info.OptionalOutcomes...)); s != "" {
			fix = "Rename it to " + strconv.Quote(s) + ". " + fix
		}
		c.errorf(CodeUnknownOutcome, ptrField(i, "outcomes/"+EscapePointer(o.ID)),
			c.nameT(i)+" has unknown outcome "+strconv.Quote(o.ID), fix)
	}
}

func (c *checker) checkListOutcomes(i int) {
	n := &c.f[i]
	if len(n.Outcomes) == 0 {
		c.broken[i] = true
		c.errorf(CodeNoOutcomes, ptrField(i, "outcomes"), c.nameT(i)+" has no outcomes, so the session cannot go on after it",
			`Add at least one outcome: [{"id":"next","targetNodeId":"<node id>","condition":""}], the positive one first.`)
		return
	}
	// Short lists (all real ones) compare pairwise; a long list uses a map so a
	// hostile flow cannot make this quadratic.
	var firstAt map[string]int
	if len(n.Outcomes) > 32 {
		firstAt = make(map[string]int, len(n.Outcomes))
	}
	for k, o := range n.Outcomes {
		p := func() string { return ptrField(i, "outcomes/"+strconv.Itoa(k)+"/id") }
		if o.ID == "" {
			c.errorf(CodeMissingOutcomeID, p(), c.name(i)+": outcome #"+strconv.Itoa(k)+" has no id",
				"Give the outcome a short id unique within "+c.name(i)+" (for example "+strconv.Quote("option_"+strconv.Itoa(k+1))+").")
			continue
		}
		if r, bad := unsafeIDRune(o.ID); bad {
			c.errorf(CodeInvalidID, p(), c.name(i)+": outcome id "+strconv.QuoteToASCII(o.ID)+" contains "+describeUnsafeRune(r),
				"Use letters, digits, '_' and '-' only in outcome ids.")
		}
		j := -1
		if firstAt != nil {
			if prev, ok := firstAt[o.ID]; ok {
				j = prev
			} else {
				firstAt[o.ID] = k
			}
		} else {
			for x := 0; x < k; x++ {
				if n.Outcomes[x].ID == o.ID {
					j = x
					break
				}
			}
		}
		if j >= 0 {
			c.errorf(CodeDuplicateOutcomeID, p(), c.name(i)+": outcomes #"+strconv.Itoa(j)+" and #"+strconv.Itoa(k)+" share the id "+strconv.Quote(o.ID),
				"Rename outcome #"+strconv.Itoa(k)+" of "+c.name(i)+" (for example to "+strconv.Quote(o.ID+"_"+strconv.Itoa(k+1))+").")
		}
	}
}

func (c *checker) checkConversation(i int) {
	n := &c.f[i]
	if SpokenText(n.Prompt) == "" {
		msg := c.name(i) + " is a conversation with an empty prompt"
		if strings.TrimSpace(n.Prompt) != "" {
			msg = c.name(i) + ` is a conversation whose prompt is "Say:" with nothing to say`
		}
		c.errorf(CodeEmptyPrompt, ptrField(i, "prompt"), msg,
			`Write the prompt: "Say: <the exact words>" for a line the avatar speaks verbatim, or a goal such as "Ask the user to confirm the amount of the transfer."`)
	}
	if !n.DoesNotRequireReply {
		return
	}
	switch {
	case len(n.Outcomes) > 1:
		c.errorf(CodeInformingConversation, ptrField(i, "outcomes"),
			c.name(i)+" only informs (doesNotRequireReply) but has "+strconv.Itoa(len(n.Outcomes))+" outcomes; with no reply there is nothing to choose between them",
			"Keep one unconditional outcome, or set doesNotRequireReply to false so that the user's reply picks an outcome by its condition.")
	case len(n.Outcomes) == 1 && strings.TrimSpace(n.Outcomes[0].Condition) != "":
		c.errorf(CodeInformingConversation, ptrField(i, "outcomes/0/condition"),
			c.name(i)+" only informs (doesNotRequireReply) but its outcome has the condition "+strconv.Quote(n.Outcomes[0].Condition)+"; with no reply it cannot be judged",
			`Set the condition to "" (unconditional), or set doesNotRequireReply to false.`)
	}
}

func (c *checker) checkThreshold(i int) {
	t := c.f[i].SimilarityThreshold
	if t == nil || (*t >= 0 && *t <= 1 && !math.IsNaN(*t)) {
		return
	}
	c.errorf(CodeThresholdRange, ptrField(i, "similarityThreshold"),
		c.name(i)+": similarityThreshold "+strconv.FormatFloat(*t, 'g', -1, 64)+" is outside 0–1",
		"Use a similarity between 0 and 1, such as 0.8 (a percentage like 80 means 0.8); or omit it for FaceSign's default.")
}

func (c *checker) checkSource(i int, field string, s *FaceSource) {
	if s == nil {
		c.errorf(CodeMissingFaceSource, ptrField(i, field), c.name(i)+": face_compare has no "+field+"; a comparison needs two faces",
			`Set `+field+` to {"source": "<one of `+strings.Join(faceSources, ", ")+`>"}, for example {"source": "documentPhoto"}.`)
		return
	}
	if !slices.Contains(faceSources, s.Source) {
		msg := c.name(i) + ": " + field + " has unknown source " + strconv.Quote(s.Source)
		if s.Source == "" {
			msg = c.name(i) + ": " + field + " has no source"
		}
		fix := "Use one of " + quotedList(faceSources) + "."
		if g := c.suggest(s.Source, faceSources); g != "" {
			fix = "Did you mean " + strconv.Quote(g) + "? " + fix
		}
		c.errorf(CodeUnknownFaceSource, ptrField(i, field+"/source"), msg, fix)
		return
	}
	if s.Source == "providedData" && strings.TrimSpace(s.ProvidedDataKey) == "" {
		c.errorf(CodeMissingProvidedDataKey, ptrField(i, field+"/providedDataKey"),
			c.name(i)+": "+field+" compares with providedData but names no providedDataKey",
			`Set providedDataKey to the key of the session's providedData that holds the image (for example "photo"), or use another source.`)
	}
}

func (c *checker) checkDocument(i int) {
	n := &c.f[i]
	if n.ScanningMode != "" && n.ScanningMode != "single" && n.ScanningMode != "automatic" {
		c.errorf(CodeUnknownScanningMode, ptrField(i, "scanningMode"),
			c.name(i)+": unknown scanningMode "+strconv.Quote(n.ScanningMode),
			`Use "single" (one capture) or "automatic" (captures when the document is steady), or omit it.`)
	}
	for k, d := range n.AllowedDocumentTypes {
		if slices.Contains(documentTypes, d) {
			continue
		}
		fix := "Use only " + quotedList(documentTypes) + "."
		if g := c.suggest(d, documentTypes); g != "" {
			fix = "Did you mean " + strconv.Quote(g) + "? " + fix
		}
		c.errorf(CodeUnknownDocumentType, ptrField(i, "allowedDocumentTypes/"+strconv.Itoa(k)),
			c.name(i)+": FaceSign does not scan the document type "+strconv.Quote(d), fix)
	}
}

func (c *checker) checkOTP(i int) {
	n := &c.f[i]
	if n.OTPLength != nil && (*n.OTPLength < 4 || *n.OTPLength > 8) {
		c.errorf(CodeOTPLength, ptrField(i, "otpLength"),
			c.name(i)+": otpLength "+strconv.Itoa(*n.OTPLength)+" is outside 4–8",
			"Set otpLength between 4 and 8 (6 is FaceSign's default), or omit it.")
	}
	if n.ExpirySeconds != nil && *n.ExpirySeconds <= 0 {
		c.errorf(CodeOTPExpiry, ptrField(i, "expirySeconds"),
			c.name(i)+": expirySeconds "+strconv.Itoa(*n.ExpirySeconds)+" is not a positive number of seconds",
			"Set expirySeconds to a positive number such as 300 (FaceSign's default), or omit it.")
	}
	if n.MaxAttempts != nil && *n.MaxAttempts <= 0 {
		c.errorf(CodeOTPMaxAttempts, ptrField(i, "maxAttempts"),
			c.name(i)+": maxAttempts "+strconv.Itoa(*n.MaxAttempts)+" leaves the user no attempt",
			"Set maxAttempts to a positive number such as 3 (FaceSign's default), or omit it.")
	}
}

func (c *checker) checkDataValidation(i int) {
	v := c.f[i].Validation
	const example = `{"field": "dateOfBirth", "action": "olderThan", "value": "18"}`
	switch {
	case v == nil:
		c.errorf(CodeMissingValidation, ptrField(i, "validation"), c.name(i)+" is a data_validation with no validation rule",
			"Add a rule, for example \"validation\": "+example+".")
	case strings.TrimSpace(v.Field) == "":
		c.errorf(CodeMissingValidation, ptrField(i, "validation/field"), c.name(i)+": the validation rule names no field to check",
			"Set field to the collected value to check (for example \"dateOfBirth\" or \"email\"), as in "+example+".")
	}
	if v != nil && strings.TrimSpace(v.Action) == "" {
		c.errorf(CodeMissingValidation, ptrField(i, "validation/action"), c.name(i)+": the validation rule has no action",
			"Set action to what to check (olderThan, equals, contains, matches), as in "+example+".")
	}
}

// checkReachability: every node is reachable from a start, and every node can
// reach an end. Nodes already reported (broken edges, duplicate or empty ids) are
// left out so that one mistake yields one error, not a cascade.
func (c *checker) checkReachability() {
	n := len(c.f)
	seen := make([]bool, 2*n)
	reach, canEnd := seen[:n:n], seen[n:]
	if len(c.starts) > 0 {
		stack := make([]int32, 0, n)
		for _, s := range c.starts {
			if !reach[s] {
				reach[s] = true
				stack = append(stack, s)
			}
		}
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, t := range c.targets(int(u)) {
				if t >= 0 && !reach[t] {
					reach[t] = true
					stack = append(stack, t)
				}
			}
		}
		for i := range c.f {
			if !reach[i] && c.first[i] {
				c.errorf(CodeUnreachable, ptrNode(i), c.nameT(i)+" is unreachable: no path from the start node leads to it",
					"Point an outcome of an earlier node at "+strconv.Quote(c.f[i].ID)+", or remove the node.")
			}
		}
	}
	if c.ends == 0 {
		return
	}
	// Backward search from the ends over reversed edges (predecessor lists in one
	// flat slice), so a flow written in any order costs one pass.
	predOff := make([]int32, n+1)
	for _, t := range c.tgt {
		if t >= 0 {
			predOff[t+1]++
		}
	}
	for i := 0; i < n; i++ {
		predOff[i+1] += predOff[i]
	}
	pred := make([]int32, predOff[n])
	fill := make([]int32, n)
	for u := range c.f {
		for _, t := range c.targets(u) {
			if t >= 0 {
				pred[predOff[t]+fill[t]] = int32(u)
				fill[t]++
			}
		}
	}
	queue := fill[:0] // reuse: fill is no longer needed
	for i := range c.f {
		// Nodes whose edges are already reported, or whose type is unknown, count
		// as able to end: one mistake, one error.
		if c.f[i].Type == TypeEnd || c.broken[i] || c.info[i] == nil {
			canEnd[i] = true
			queue = append(queue, int32(i))
		}
	}
	for len(queue) > 0 {
		v := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, u := range pred[predOff[v]:predOff[v+1]] {
			if !canEnd[u] {
				canEnd[u] = true
				queue = append(queue, u)
			}
		}
	}
	for i := range c.f {
		if !canEnd[i] && (c.first[i] || c.f[i].ID == "") {
			c.errorf(CodeNoPathToEnd, ptrNode(i), c.nameT(i)+" can never reach an end node: every path from it loops",
				"Give "+c.name(i)+" (or a node after it) an outcome that leads to an end node, for example through a closing conversation.")
		}
	}
}

func (c *checker) warnUnknownFields() {
	for i := range c.f {
		n := &c.f[i]
		if len(n.Extra) == 0 || c.info[i] == nil {
			continue
		}
		for _, k := range sortedExtraKeys(n.Extra) {
			fix := "Remove " + strconv.Quote(k) + " from " + c.name(i) + "; FaceSign ignores it."
			fields := c.info[i].Fields
			if c.info[i].Shape != ShapeNone {
				fields = append(append([]string(nil), fields...), "outcomes")
			}
			if len(fields) > 0 {
				fix += " " + string(n.Type) + " fields are id, type, " + strings.Join(fields, ", ") + "."
			}
			if g := c.suggest(k, fields); g != "" {
				fix = "Did you mean " + strconv.Quote(g) + "? " + fix
			}
			c.warnf(CodeUnknownField, ptrField(i, EscapePointer(k)),
				c.nameT(i)+" has the field "+strconv.Quote(k)+", which "+string(n.Type)+" does not define", fix)
		}
	}
}

// warnRecognition: after a recognition match the user must pass liveness before
// the session ends; otherwise a photo of an enrolled user opens the account.
func (c *checker) warnRecognition() {
	var seen []bool
	var stack []int32
	for i := range c.f {
		if c.f[i].Type != TypeRecognition {
			continue
		}
		k := outcomePos(&c.f[i], "recognized")
		if k < 0 {
			continue
		}
		start := c.targets(i)[k]
		if start < 0 {
			continue
		}
		if seen == nil {
			seen = make([]bool, len(c.f))
		} else {
			clear(seen)
		}
		stack = append(stack[:0], start)
		seen[start] = true
		found := false
		for len(stack) > 0 && !found {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch c.f[u].Type {
			case TypeLiveness:
				continue
			case TypeEnd:
				found = true
				continue
			}
			for _, t := range c.targets(int(u)) {
				if t >= 0 && !seen[t] {
					seen[t] = true
					stack = append(stack, t)
				}
			}
		}
		if found {
			c.warnf(CodeRecognitionWithoutLiveness, c.outcomePath(i, k),
				c.name(i)+": a recognized user can reach the end without a liveness check, so a photo or replay of an enrolled face would pass",
				`Point "recognized" at a liveness_detection node for known users (and "newUser"/"noFace" at a separate one for new users), each continuing to its own conversation.`)
		}
	}
}

// warnVerificationToEnd: liveness and recognition outcomes go forward to a
// conversation; deepfake scoring happens out of band, so ending the session right
// there loses the chance to tell the user anything.
func (c *checker) warnVerificationToEnd() {
	for i := range c.f {
		typ := c.f[i].Type
		if typ != TypeLiveness && typ != TypeRecognition {
			continue
		}
		for k, t := range c.targets(i) {
			if t < 0 {
				continue
			}
			tn := &c.f[t]
			switch {
			case tn.Type == TypeEnd:
				c.warnf(CodeVerificationOutcomeToEnd, c.outcomePath(i, k),
					c.name(i)+": "+c.outcomeName(i, k)+" goes straight to end node "+strconv.Quote(tn.ID),
					"Point "+c.outcomeName(i, k)+" at a conversation that tells the user what happens next (and from there to the end).")
			case c.endsOnly(int(t)):
				c.warnf(CodeVerificationOutcomeToEnd, c.outcomePath(i, k),
					c.name(i)+": "+c.outcomeName(i, k)+" goes to "+c.nameT(int(t))+", which goes straight to the end with no conversation",
					"Point "+c.outcomeName(i, k)+" at a conversation that tells the user what happens next, or give "+c.name(int(t))+" a closing conversation before the end.")
			}
		}
	}
}

// endsOnly: node i is a non-conversation step whose every edge goes straight to an
// end. Liveness and recognition targets are left to their own checks.
func (c *checker) endsOnly(i int) bool {
	switch c.f[i].Type {
	case TypeConversation, TypeEnd, TypeLiveness, TypeRecognition:
		return false
	}
	ts := c.targets(i)
	if len(ts) == 0 {
		return false
	}
	for _, t := range ts {
		if t < 0 || c.f[t].Type != TypeEnd {
			return false
		}
	}
	return true
}

// warnGreeting: the avatar should speak about five seconds before the first node
// that needs the user's face on camera. For every video-work node, find the fewest
// words spoken on any path from start that reaches it without earlier video work.
// Spoken words are those of conversation prompts ("Say: " lines verbatim, goals by
// their own length as an estimate of what the avatar will say).
func (c *checker) warnGreeting() {
	if len(c.starts) == 0 {
		return
	}
	// Only "fewer than minGreetingWords" matters, so distances saturate there and a
	// bucket queue (Dial's algorithm) settles every node once.
	const enough = minGreetingWords
	n := len(c.f)
	words := make([]int32, n)
	for i := range words {
		words[i] = enough
	}
	var buckets [enough][]int32
	for _, s := range c.starts {
		words[s] = 0
		buckets[0] = append(buckets[0], s)
	}
	for d := int32(0); d < enough; d++ {
		for k := 0; k < len(buckets[d]); k++ { // the bucket grows while it is read (zero-word nodes)
			u := buckets[d][k]
			if words[u] != d || c.isVideo(int(u)) {
				continue
			}
			w := d
			if c.f[u].Type == TypeConversation {
				w += int32(min(wordCount(SpokenText(c.f[u].Prompt)), enough))
			}
			if w >= enough {
				continue
			}
			for _, t := range c.targets(int(u)) {
				if t >= 0 && w < words[t] {
					words[t] = w
					buckets[w] = append(buckets[w], t)
				}
			}
		}
	}
	for i := range c.f {
		if !c.isVideo(i) || words[i] >= enough {
			continue
		}
		if words[i] == 0 {
			c.warnf(CodeShortGreeting, ptrNode(i),
				c.nameT(i)+" needs the user's face on camera, but the avatar says nothing before it, so there is no video to work with",
				"Put a greeting conversation before "+c.name(i)+` that speaks for about 5 seconds (at least 12 words), e.g. "Say: Hello! This takes under a minute. Please look at the camera and keep your face in view while we talk."`)
			continue
		}
		secs := strconv.FormatFloat(float64(words[i])/wordsPerSecond, 'f', 1, 64)
		c.warnf(CodeShortGreeting, ptrNode(i),
			c.nameT(i)+" needs the user's face on camera, but on the shortest way to it the avatar speaks only "+strconv.Itoa(int(words[i]))+pluralWord(int(words[i]), " word", " words")+" (about "+secs+" s); FaceSign wants about 5 s",
			"Lengthen the greeting before "+c.name(i)+" to at least 12 words (about 5 seconds of speech), for example by saying why the check is needed and asking the user to look at the camera.")
	}
}

// warnUncapturedSource: a face_compare that reads the document's photo (or
// the face scan's image) on a path with no document_scan (face_scan) before it
// has nothing to compare, and FaceSign reports imageUnavailable every time.
func (c *checker) warnUncapturedSource() {
	var seen []bool
	var stack []int32
	for i := range c.f {
		n := &c.f[i]
		if n.Type != TypeFaceCompare {
			continue
		}
		for _, src := range []struct {
			field string
			s     *FaceSource
		}{{"sourceA", n.SourceA}, {"sourceB", n.SourceB}} {
			var capture NodeType
			var captured string // the outcome after which the image exists
			switch {
			case src.s == nil:
				continue
			case src.s.Source == "documentPhoto":
				capture, captured = TypeDocumentScan, "scanSuccess"
			case src.s.Source == "faceScan":
				capture, captured = TypeFaceScan, "passed"
			default:
				continue
			}
			// is node i reachable from a start with no capture on the way (a
			// cancelled or timed-out scan captured nothing)?
			if seen == nil {
				seen = make([]bool, len(c.f))
			} else {
				clear(seen)
			}
			stack = stack[:0]
			for _, st := range c.starts {
				seen[st] = true
				stack = append(stack, st)
			}
			reached := false
			for len(stack) > 0 && !reached {
				u := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if int(u) == i {
					reached = true
					break
				}
				skip := -1
				if c.f[u].Type == capture {
					skip = outcomePos(&c.f[u], captured)
				}
				for k, t := range c.targets(int(u)) {
					if t >= 0 && !seen[t] && k != skip {
						seen[t] = true
						stack = append(stack, t)
					}
				}
			}
			if reached {
				c.warnf(CodeSourceNotCaptured, ptrField(i, src.field),
					c.name(i)+" compares "+src.s.Source+", but a path reaches it with no "+string(capture)+" before it, so there is no image to compare and it reports imageUnavailable",
					"Put a "+string(capture)+" node before "+c.name(i)+" on every path to it, or compare another source (sessionVideo, or a photo you pass in providedData).")
			}
		}
	}
}

func (c *checker) isVideo(i int) bool { return c.info[i] != nil && c.info[i].VideoWork }

// warnClosingLine: every path should end with a conversation after its last
// verification step, so the user hears the result instead of a cut. Liveness and
// recognition edges are warned about by warnVerificationToEnd already.
func (c *checker) warnClosingLine() {
	for i := range c.f {
		info := c.info[i]
		if info == nil || info.Shape == ShapeNone || c.f[i].Type == TypeConversation ||
			c.f[i].Type == TypeLiveness || c.f[i].Type == TypeRecognition {
			continue
		}
		var names []string
		first := -1
		for k, t := range c.targets(i) {
			if t >= 0 && c.f[t].Type == TypeEnd {
				if first < 0 {
					first = k
				}
				names = append(names, c.f[i].Outcomes[k].ID)
			}
		}
		if first < 0 {
			continue
		}
		p := ptrField(i, "outcomes")
		if len(names) == 1 {
			p = c.outcomePath(i, first)
		}
		c.warnf(CodeNoClosingLine, p,
			c.nameT(i)+": "+pluralWord(len(names), "outcome ", "outcomes ")+quotedList(names)+" end the session right after the check, with no closing line",
			"Point "+pluralWord(len(names), "it", "them")+" at a conversation that tells the user the result (for example \"Say: Thank you, you're verified.\" or an explanation of what to do next), then to the end.")
	}
}

// SpokenText is what the avatar says for a prompt: the text after a leading
// "Say:" (any case), trimmed; a goal prompt is returned trimmed as it is.
func SpokenText(prompt string) string {
	p := strings.TrimSpace(prompt)
	if len(p) >= 4 && strings.EqualFold(p[:4], "say:") {
		p = strings.TrimSpace(p[4:])
	}
	return p
}

// countWords counts runs of letters or digits separated by anything else, without allocating.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		word := r == '\'' || r == '’' || r == '-' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 0x7f && !isWordBreak(r)
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

func isWordBreak(r rune) bool {
	switch r {
	case 0x85, 0xA0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2009, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
		'—', '–', '…', '“', '”', '‘', '«', '»', '¡', '¿', '。', '、', '，':
		return true
	}
	return false
}

func outcomePos(n *Node, name string) int {
	for k := range n.Outcomes {
		if n.Outcomes[k].ID == name {
			return k
		}
	}
	return -1
}

func quotedList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func quoteOr(s, alt string) string {
	if s == "" {
		return strconv.Quote(alt)
	}
	return strconv.Quote(s)
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func nodeTypeNames() []string {
	names := make([]string, len(catalog))
	for i := range catalog {
		names[i] = string(catalog[i].Type)
	}
	return names
}

func nodeTypeList() string { return strings.Join(nodeTypeNames(), ", ") }

// freshNodeID proposes an id for the id-less node i from its type.
func (c *checker) freshNodeID(i int) string {
	base := string(c.f[i].Type)
	if base == "" || len(base) > 40 {
		base = "node"
	}
	return c.freeID(base)
}

// nearestName returns the candidate s most likely meant (a small edit distance, or a
// case-insensitive match, or one containing the other), or "".
func nearestName(s string, candidates []string) string {
	const maxLen = 64 // longer names are not typos of short ones; skip the quadratic distance
	if s == "" || len(s) > maxLen {
		return ""
	}
	ls := strings.ToLower(s)
	best, bestD := "", 1<<30
	for _, cand := range candidates {
		if len(cand) > maxLen {
			continue
		}
		lc := strings.ToLower(cand)
		if lc == ls {
			return cand
		}
		d := levenshtein(ls, lc)
		if (strings.Contains(lc, ls) && len(ls) >= 4) || (strings.Contains(ls, lc) && len(lc) >= 4) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = cand, d
		}
	}
	if bestD <= max(1, len(s)/4) {
		return best
	}
	return ""
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func sortedExtraKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// unsafeIDRune finds the first rune of id that must not be in an id: a
// control character (a line break forges log lines, an escape drives a
// terminal) or a bidirectional formatting character (U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F, U+061C), which makes an id display as
// another one ("Trojan Source").
func unsafeIDRune(id string) (rune, bool) {
	for _, r := range id {
		switch {
		case r < 0x20, r >= 0x7f && r < 0xa0, r == 0x2028, r == 0x2029,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return r, true
		}
	}
	return 0, false
}

func describeUnsafeRune(r rune) string {
	if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 {
		return fmt.Sprintf("a control character (U+%04X)", r)
	}
	return fmt.Sprintf("a bidirectional formatting character (U+%04X)", r)
}

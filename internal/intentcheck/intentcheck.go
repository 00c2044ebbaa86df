// Package intentcheck judges a built flow against an intents case: what the shared
// eval-intents checks (the steps on the success path in order, the conversations
// on it, the types that must be absent, a structurally sound flow) and what it
// cannot: which branch a step sits on, node settings ("8 digits", "passports
// only", "21+"), that every sentence the avatar says reads as a sentence about
// this flow, and that nothing the text asked for vanished without a word.
//
// It reads the builder's JSON output, not its Go types, so that it judges what a
// caller sees and does not trust the builder's own validator or model.
package intentcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// Case is one corpus case, in ../shared/intents/intents.json's format plus the
// stricter fields of the project's corpus.
type Case struct {
	ID               string         `json:"id"`
	Class            string         `json:"class,omitempty"`
	Description      string         `json:"description,omitempty"`
	Base             string         `json:"base,omitempty"`
	Change           string         `json:"change,omitempty"`
	Steps            []string       `json:"steps"`
	MinConversations int            `json:"minConversations"`
	Absent           []string       `json:"absent,omitempty"`
	On               []Branch       `json:"on,omitempty"`
	Branches         []Path         `json:"branches,omitempty"`
	Settings         []Setting      `json:"settings,omitempty"`
	MustMention      []string       `json:"mustMention,omitempty"`
	Count            map[string]int `json:"count,omitempty"`
	EndsWithQuestion bool           `json:"endsWithQuestion,omitempty"`
	// bookkeeping of the held-out corpora and the shared one, not judged
	UseCase string   `json:"useCase,omitempty"`
	Classes []string `json:"classes,omitempty"`
	Note    string   `json:"note,omitempty"`
}

// Path is frozen.json's form of a branch: the path leaving the outcome of a
// node of type After holds a node of each type in Contains (on it or where it
// rejoins the success path).
type Path struct {
	After    string   `json:"after"`
	Outcome  string   `json:"outcome"`
	Contains []string `json:"contains"`
}

// Branch: a node of Type sits off the success path, reachable from the outcome
// From ("recognition.newUser") of a node of that type.
type Branch struct {
	Type string `json:"type"`
	From string `json:"from"`
}

// Setting: Field (a dotted path such as "validation.value"; "a|b" for either of
// two) of a node of Type equals Value; lists compare as sets.
type Setting struct {
	Type  string `json:"type"`
	Field string `json:"field,omitempty"`
	Value any    `json:"value,omitempty"`
	// Mentions (instead of Field and Value): some node of Type holds the text
	// in its configuration, in any case ("a code sent to the backup address")
	Mentions string `json:"mentions,omitempty"`
}

// Corpus is a corpus file.
type Corpus struct {
	About string `json:"about"`
	Build []Case `json:"build"`
	Edit  []Case `json:"edit"`
}

// Load reads a corpus file.
func Load(path string) (Corpus, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Corpus{}, err
	}
	// a field the checks do not know (a branch written {"from": "sms",
	// "outcome": "delivery_failed"}) would be ignored and the case judged on
	// less than it says, so it is refused
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c Corpus
	if err := dec.Decode(&c); err != nil {
		return Corpus{}, fmt.Errorf("%s: %w", path, err)
	}
	for _, cs := range slices.Concat(c.Build, c.Edit) {
		for _, st := range cs.Settings {
			if st.Type == "" || (st.Field == "") == (st.Mentions == "") {
				return Corpus{}, fmt.Errorf("%s: case %s: a setting needs a type and either a field or mentions", path, cs.ID)
			}
		}
		for _, br := range cs.On {
			if typ, outcome, ok := strings.Cut(br.From, "."); !ok || typ == "" || outcome == "" {
				return Corpus{}, fmt.Errorf("%s: case %s: branch \"from\" is %q, want a node type and its outcome (\"recognition.newUser\")", path, cs.ID, br.From)
			}
		}
	}
	return c, nil
}

// Output is the part of a build result the checks read.
type Output struct {
	Flow        []map[string]any `json:"flow"`
	Assumptions []string         `json:"assumptions"`
	Questions   []struct {
		Text string `json:"text"`
	} `json:"questions"`
	Warnings []struct {
		Message string `json:"message"`
	} `json:"warnings"`
}

var mapOutcomes = map[string][]string{
	"permissions":        {"permissionsGranted", "permissionsDenied"},
	"liveness_detection": {"livenessDetected", "deepfakeDetected", "noFace"},
	"face_scan":          {"passed", "notPassed", "cancelled", "error"},
	"face_compare":       {"match", "noMatch", "imageUnavailable"},
	"recognition":        {"recognized", "newUser", "noFace"},
	"document_scan":      {"scanSuccess", "userCancelled", "scanTimeout"},
	"enter_email":        {"emailEntered", "canceled"},
	"two_factor_email":   {"verified", "delivery_failed", "failed_unverified", "cancelled", "error"},
	"two_factor_sms":     {"verified", "delivery_failed", "failed_unverified", "cancelled", "error"},
}

var success = map[string]string{
	"permissions": "permissionsGranted", "liveness_detection": "livenessDetected", "face_scan": "passed",
	"face_compare": "match", "recognition": "recognized", "document_scan": "scanSuccess",
	"enter_email": "emailEntered", "two_factor_email": "verified", "two_factor_sms": "verified",
}

type graph struct {
	nodes map[string]map[string]any
	order []string
	start string
}

func str(v any) string { s, _ := v.(string); return s }

func (g graph) edges(id string) [][2]string {
	n := g.nodes[id]
	var out [][2]string
	switch t := str(n["type"]); t {
	case "start":
		out = append(out, [2]string{"outcome", str(n["outcome"])})
	case "end":
	case "conversation", "data_validation":
		list, _ := n["outcomes"].([]any)
		for _, o := range list {
			m, _ := o.(map[string]any)
			out = append(out, [2]string{str(m["id"]), str(m["targetNodeId"])})
		}
	default:
		m, _ := n["outcomes"].(map[string]any)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, [2]string{k, str(m[k])})
		}
	}
	return out
}

// structure checks what eval-intents checks of every flow.
func structure(flow []map[string]any) (graph, []string) {
	g := graph{nodes: map[string]map[string]any{}}
	var errs []string
	if len(flow) == 0 {
		return g, []string{"the flow has no nodes"}
	}
	for i, n := range flow {
		id := str(n["id"])
		if id == "" {
			errs = append(errs, fmt.Sprintf("node %d has no id", i))
			continue
		}
		if _, dup := g.nodes[id]; dup {
			errs = append(errs, "duplicate id "+id)
		}
		g.nodes[id] = n
		g.order = append(g.order, id)
		if str(n["type"]) == "start" {
			if g.start != "" {
				errs = append(errs, "two start nodes")
			}
			g.start = id
		}
	}
	if g.start == "" {
		return g, append(errs, "no start node")
	}
	for _, id := range g.order {
		n := g.nodes[id]
		t := str(n["type"])
		if want, ok := mapOutcomes[t]; ok {
			m, _ := n["outcomes"].(map[string]any)
			for _, k := range want {
				if _, ok := m[k]; !ok {
					errs = append(errs, id+": outcome "+k+" missing")
				}
			}
		}
		for _, e := range g.edges(id) {
			if _, ok := g.nodes[e[1]]; !ok {
				errs = append(errs, fmt.Sprintf("%s: outcome %s points at missing node %q", id, e[0], e[1]))
			}
		}
	}
	if len(errs) > 0 {
		return g, errs
	}
	reach := g.reachable(g.start)
	for _, id := range g.order {
		if !reach[id] {
			errs = append(errs, id+": unreachable from start")
		}
	}
	return g, errs
}

func (g graph) reachable(from string) map[string]bool {
	seen := map[string]bool{}
	todo := []string{from}
	for len(todo) > 0 {
		cur := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[cur] || g.nodes[cur] == nil {
			continue
		}
		seen[cur] = true
		for _, e := range g.edges(cur) {
			todo = append(todo, e[1])
		}
	}
	return seen
}

// successPath follows each node's success outcome (the first one for list nodes).
func (g graph) successPath() ([]string, bool) {
	var path []string
	cur := g.start
	for range len(g.order) + 1 {
		n := g.nodes[cur]
		if n == nil {
			return path, false
		}
		path = append(path, cur)
		t := str(n["type"])
		switch t {
		case "end":
			return path, true
		case "start":
			cur = str(n["outcome"])
		case "conversation", "data_validation":
			es := g.edges(cur)
			if len(es) == 0 {
				return path, false
			}
			cur = es[0][1]
		default:
			m, _ := n["outcomes"].(map[string]any)
			cur = str(m[success[t]])
		}
	}
	return path, false
}

// Judge returns what is wrong with out for c; none means the case passed. text is
// everything the user wrote for the case (description, or base and change).
func Judge(c Case, out Output) []string {
	g, errs := structure(out.Flow)
	if len(errs) > 0 {
		return errs
	}
	path, ok := g.successPath()
	if !ok {
		return []string{"the success path does not reach an end"}
	}
	onPath := map[string]bool{}
	var steps []string
	convs := 0
	for _, id := range path {
		onPath[id] = true
		switch t := str(g.nodes[id]["type"]); t {
		case "start", "end":
		case "conversation":
			convs++
		default:
			steps = append(steps, t)
		}
	}
	var p []string
	if !slices.Equal(steps, c.Steps) {
		p = append(p, fmt.Sprintf("steps %v, want %v", steps, c.Steps))
	}
	if convs < c.MinConversations {
		p = append(p, fmt.Sprintf("%d conversations on the success path, want at least %d", convs, c.MinConversations))
	}
	present := map[string]int{}
	for _, n := range out.Flow {
		present[str(n["type"])]++
	}
	for _, t := range c.Absent {
		if present[t] > 0 {
			p = append(p, t+" present but the text excludes it")
		}
	}
	for t, n := range c.Count {
		if present[t] != n {
			p = append(p, fmt.Sprintf("%d %s nodes, want %d", present[t], t, n))
		}
	}
	for _, b := range c.On {
		if !g.onBranch(b, onPath) {
			p = append(p, fmt.Sprintf("no %s off the success path after %s", b.Type, b.From))
		}
	}
	for _, b := range c.Branches {
		for _, t := range b.Contains {
			if !g.onBranch(Branch{Type: t, From: b.After + "." + b.Outcome}, nil) {
				p = append(p, fmt.Sprintf("no %s on the path from %s.%s", t, b.After, b.Outcome))
			}
		}
	}
	for _, s := range c.Settings {
		if msg := g.setting(s, onPath); msg != "" {
			p = append(p, msg)
		}
	}
	p = append(p, uncaptured(g, path)...)
	p = append(p, mentions(c, out)...)
	p = append(p, prose(c, g, path)...)
	return p
}

// uncaptured: a face_compare on the success path that reads the document photo
// or the face scan with no document_scan or face_scan before it compares
// nothing (FaceSign answers imageUnavailable), whatever the steps' order says.
func uncaptured(g graph, path []string) []string {
	var p []string
	seen := map[string]bool{}
	for _, id := range path {
		n := g.nodes[id]
		t := str(n["type"])
		seen[t] = true
		if t != "face_compare" {
			continue
		}
		for _, side := range []string{"sourceA", "sourceB"} {
			src, _ := n[side].(map[string]any)
			switch str(src["source"]) {
			case "documentPhoto":
				if !seen["document_scan"] {
					p = append(p, id+": compares the document photo, but no document_scan comes before it")
				}
			case "faceScan":
				if !seen["face_scan"] {
					p = append(p, id+": compares the face scan, but no face_scan comes before it")
				}
			}
		}
	}
	return p
}

func (g graph) onBranch(b Branch, onPath map[string]bool) bool {
	from, outcome, _ := strings.Cut(b.From, ".")
	for _, id := range g.order {
		if str(g.nodes[id]["type"]) != from {
			continue
		}
		for _, e := range g.edges(id) {
			if e[0] != outcome {
				continue
			}
			for r := range g.reachable(e[1]) {
				if !onPath[r] && str(g.nodes[r]["type"]) == b.Type {
					return true
				}
			}
		}
	}
	return false
}

func (g graph) setting(s Setting, onPath map[string]bool) string {
	if s.Field == "" {
		for _, id := range g.order {
			if n := g.nodes[id]; str(n["type"]) == s.Type {
				if b, err := json.Marshal(n); err == nil && strings.Contains(strings.ToLower(string(b)), strings.ToLower(s.Mentions)) {
					return ""
				}
			}
		}
		return fmt.Sprintf("no %s mentions %q", s.Type, s.Mentions)
	}
	var got []any
	for _, id := range g.order {
		n := g.nodes[id]
		if str(n["type"]) != s.Type {
			continue
		}
		// "a.b|c.d": either field may hold the value
		for _, field := range strings.Split(s.Field, "|") {
			var v any = n
			for _, k := range strings.Split(field, ".") {
				m, _ := v.(map[string]any)
				v = m[k]
			}
			if equal(v, s.Value) {
				return ""
			}
			got = append(got, v)
		}
	}
	return fmt.Sprintf("%s.%s is %v, want %v", s.Type, s.Field, got, s.Value)
}

// equal compares JSON values; numbers by value, strings loosely with numbers
// ("21" and 21), lists as sets.
func equal(got, want any) bool {
	switch w := want.(type) {
	case []any:
		gl, ok := got.([]any)
		if !ok || len(gl) != len(w) {
			return false
		}
		for _, x := range w {
			if !slices.ContainsFunc(gl, func(y any) bool { return equal(y, x) }) {
				return false
			}
		}
		return true
	case bool:
		if got == nil {
			return !w
		}
	}
	return fmt.Sprint(got) == fmt.Sprint(want) || reflect.DeepEqual(got, want)
}

// mentions: every string the case names appears in the flow, an assumption, a
// question or a warning.
func mentions(c Case, out Output) []string {
	if len(c.MustMention) == 0 {
		return nil
	}
	b, _ := json.Marshal(out.Flow)
	all := []string{strings.ToLower(string(b))}
	for _, a := range out.Assumptions {
		all = append(all, strings.ToLower(a))
	}
	for _, q := range out.Questions {
		all = append(all, strings.ToLower(q.Text))
	}
	for _, w := range out.Warnings {
		all = append(all, strings.ToLower(w.Message))
	}
	// a hyphen and a space join the same words ("port-out PIN", "self
	// exclusion"): a mention is judged on its words, not on how they are joined
	text := strings.ReplaceAll(strings.Join(all, "\n"), "-", " ")
	var p []string
	for _, m := range c.MustMention {
		if !strings.Contains(text, strings.ReplaceAll(strings.ToLower(m), "-", " ")) {
			p = append(p, fmt.Sprintf("%q is in neither the flow, an assumption nor a question", m))
		}
	}
	return p
}

// topics are words a prompt may only use when the user's text is about them (a
// greeting about "your withdrawal" in a flow that has none is wrong).
var topics = []struct {
	said  string   // in a prompt
	about []string // one of these must be in the user's text
}{
	{"withdraw", []string{"withdraw"}},
	{"transfer", []string{"transfer", "wire", "payment", "money", "send funds", "transaction"}},
	{"home address", []string{"address"}},
	{"new device", []string{"device", "phone", "mobile"}},
	{"recover", []string{"recover", "locked", "lost", "forgot", "reset", "access"}},
	{"account is open", []string{"open", "onboard", "kyc", "new account", "sign up", "signup", "new customer", "new user"}},
	{"signed in", []string{"login", "log in", "logs in", "logged in", "sign in", "signs in", "signed in", "sign-in", "log-in", "signin", "2fa", "second factor", "logging in", "mfa"}},
}

// prose checks every sentence the avatar says or asks.
func prose(c Case, g graph, path []string) []string {
	user := strings.ToLower(c.Description + " " + c.Base + " " + c.Change)
	var p []string
	for _, id := range g.order {
		n := g.nodes[id]
		t := str(n["type"])
		if t != "conversation" && t != "permissions" && t != "enter_email" {
			continue
		}
		prompt := str(n["prompt"])
		if t != "conversation" && prompt == "" {
			continue
		}
		for _, msg := range sentenceProblems(prompt, user) {
			p = append(p, fmt.Sprintf("%s: %s: %q", id, msg, prompt))
		}
		low := strings.ToLower(prompt)
		for _, tp := range topics {
			if strings.Contains(low, tp.said) && !slices.ContainsFunc(tp.about, func(a string) bool { return strings.Contains(user, a) }) {
				p = append(p, fmt.Sprintf("%s: speaks of %q, which the text never mentions: %q", id, tp.said, prompt))
			}
		}
		if t != "conversation" {
			continue
		}
		quiet, _ := n["doesNotRequireReply"].(bool)
		say := strings.HasPrefix(prompt, "Say:")
		if say && !quiet && !strings.HasSuffix(strings.TrimSpace(prompt), "?") {
			p = append(p, id+": a \"Say:\" line waits for a reply it never asks for")
		}
		if quiet && strings.HasSuffix(strings.TrimSpace(prompt), "?") {
			p = append(p, id+": asks a question but does not wait for the reply")
		}
	}
	// the last conversation before the end of the success path closes: it informs
	if !c.EndsWithQuestion && len(path) >= 2 {
		last := g.nodes[path[len(path)-2]]
		if str(last["type"]) == "conversation" {
			if quiet, _ := last["doesNotRequireReply"].(bool); !quiet {
				p = append(p, fmt.Sprintf("%s: the closing line waits for a reply: %q", str(last["id"]), str(last["prompt"])))
			}
		}
	}
	return p
}

// sentenceProblems finds what makes a prompt read badly: no capital, no final
// punctuation, a word or a pair of words said twice in a row, stray spaces or
// placeholders. A repeat the user's own text has ("we'll have you checked in
// in under a minute", quoted for the avatar to say) is theirs, not a fault.
// linkWords carry no content of their own: a line of nothing else ("Say: So.",
// "Explain to the user that yet.") is a fragment of the user's text read as one.
var linkWords = map[string]bool{
	"so": true, "that": true, "yet": true, "it": true, "this": true, "then": true, "also": true, "too": true,
	"and": true, "or": true, "but": true, "the": true, "a": true, "an": true, "to": true, "of": true, "etc": true,
	"just": true, "now": true, "there": true, "here": true, "as": true, "well": true, "explicitly": true,
}

// emptyWords: past an instruction's lead ("explain to the user that"), the
// words are linking words only.
func emptyWords(words []string) bool {
	if len(words) == 0 {
		return false // "Say: 42." has no words to judge
	}
	lead := [][]string{{"explain", "to", "the", "user"}, {"tell", "the", "user"}, {"remind", "the", "user"}, {"ask", "the", "user"}}
	for _, l := range lead {
		if len(words) >= len(l) && slices.Equal(words[:len(l)], l) {
			words = words[len(l):]
			break
		}
	}
	for _, w := range words {
		if !linkWords[w] {
			return false
		}
	}
	return true
}

func sentenceProblems(prompt, user string) []string {
	s := strings.TrimSpace(prompt)
	for _, pre := range []string{"Say:", "Ask:"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, pre))
	}
	if s == "" {
		return []string{"empty"}
	}
	var p []string
	r := []rune(s)
	if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
		p = append(p, "does not start with a capital")
	}
	if !strings.ContainsRune(".!?", r[len(r)-1]) {
		p = append(p, "does not end a sentence")
	}
	for _, bad := range []string{"  ", " ,", " .", "..", "{", "}", "%!", "<nil>", ",,", " a a ", " an a "} {
		if strings.Contains(s, bad) {
			p = append(p, fmt.Sprintf("contains %q", bad))
		}
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	for i := 1; i < len(words); i++ {
		if words[i] == words[i-1] && words[i] != "that" && words[i] != "had" && !strings.Contains(user, words[i]+" "+words[i]) {
			p = append(p, fmt.Sprintf("says %q twice", words[i]))
		}
		if i >= 3 && words[i] == words[i-2] && words[i-1] == words[i-3] && !strings.Contains(user, words[i-1]+" "+words[i]+" "+words[i-1]+" "+words[i]) {
			p = append(p, fmt.Sprintf("says %q twice", words[i-1]+" "+words[i]))
		}
	}
	if emptyWords(words) {
		p = append(p, "says nothing but linking words")
	}
	for _, bad := range []string{"explain to the user the user", "ask the user the ", "tell the user the user", "you are signed in?"} {
		if strings.Contains(strings.ToLower(s), bad) {
			p = append(p, fmt.Sprintf("contains %q", bad))
		}
	}
	return p
}

package sandbox

import (
	"bytes"
	"encoding/json"
	"slices"
	"sync"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Bounds of the checked-flow cache: flows larger than maxCachedFlow bytes
// are not kept, and the cache holds at most flowCacheBytes of them (counted
// as four times their wire size: the bytes, the decoded nodes and their
// encoding).
const (
	maxCachedFlow  = 64 << 10
	flowCacheBytes = 8 << 20
)

// flowCache remembers the flows creates have sent, by their exact bytes, with
// what checking them produced: the decoded nodes, their canonical encoding,
// the flow id and the validator's warnings. An integration creates many
// sessions of one flow; decoding, validating and encoding it again was 17% of
// a create's CPU. The rest of the body is decoded and checked as before.
//
// Only a flow that decodeCreate accepted is kept, keyed by its bytes, so a
// hit gives what decodeCreate would: decoding the flow depends on its bytes
// alone, and so do the checks of it. Everything else about the body (its
// syntax, repeated keys, nesting, unknown fields, the other settings) is
// checked on every create; a body that fails any check goes the whole way
// through decodeCreate, which words the error.
//
// The cached nodes are shared by the creates that hit them and must not be
// changed: the runner clones the flow it walks, and the store keeps the
// encoding made when the flow was checked.
type flowCache struct {
	mu    sync.Mutex
	m     map[string]*checkedFlow
	bytes int
}

type checkedFlow struct {
	flow     flow.Flow
	json     []byte
	id       string
	warnings []facesign.Warning
	size     int
}

func newFlowCache() *flowCache { return &flowCache{m: map[string]*checkedFlow{}} }

// settingsFlowRaw is a create body with the flow left undecoded: the outer
// Flow hides the embedded one from encoding/json, which otherwise decodes
// (and refuses) exactly the keys of facesign.Settings.
type settingsFlowRaw struct {
	facesign.Settings
	Flow json.RawMessage `json:"flow,omitempty"`
}

// decodeCreate is decodeCreate(body) taking the flow's checks from the cache
// when the same flow was accepted before.
func (c *flowCache) decodeCreate(body []byte) (*newSession, error) {
	raw, ns := c.lookup(body)
	if ns != nil {
		return ns, nil
	}
	ns, err := decodeCreate(body)
	if err == nil && raw != nil {
		c.put(raw, ns)
	}
	return ns, err
}

// lookup decodes body with its flow undecoded. It returns the flow's bytes
// when the rest of the body passed the checks, and the session when the flow
// was in the cache too; nil, nil when the body needs decodeCreate's words.
func (c *flowCache) lookup(body []byte) (json.RawMessage, *newSession) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, nil
	}
	var in settingsFlowRaw
	n, ae := decodeStrict(trimmed, &in, settingsBody())
	if ae != nil || dataAfter(trimmed, n) != nil {
		return nil, nil
	}
	if len(in.Modules) > 0 || len(in.Flow) == 0 || in.Flow[0] != '[' || len(in.Flow) > maxCachedFlow {
		return nil, nil
	}
	c.mu.Lock()
	hit := c.m[string(in.Flow)]
	c.mu.Unlock()
	if hit == nil {
		return in.Flow, nil
	}
	set := in.Settings
	set.Flow = hit.flow
	if checkSettings(&set) != nil {
		return nil, nil
	}
	return in.Flow, &newSession{settings: set, flowJSON: hit.json, flowID: hit.id, warnings: slices.Clone(hit.warnings)}
}

// put remembers the flow of a session decodeCreate accepted from a body
// whose flow was raw, making room by forgetting others.
func (c *flowCache) put(raw json.RawMessage, ns *newSession) {
	size := 4 * len(raw)
	e := &checkedFlow{flow: ns.settings.Flow, json: ns.flowJSON, id: ns.flowID, warnings: slices.Clone(ns.warnings), size: size}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[string(raw)]; ok {
		return
	}
	for k, old := range c.m { // any entry: flows in use come back at their next create
		if c.bytes+size <= flowCacheBytes {
			break
		}
		delete(c.m, k)
		c.bytes -= old.size
	}
	c.m[string(raw)] = e
	c.bytes += size
}

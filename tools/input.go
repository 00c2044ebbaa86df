package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/internal/jsondup"
)

// maxArgumentBytes bounds a whole tool call's arguments. The largest legitimate
// argument is a flow of maxFlowNodes nodes; anything far beyond that is a mistake
// (or an attack) and is refused before it is parsed further.
const maxArgumentBytes = 1 << 20

// inputError is a tool-call argument that breaks the tool's input schema. Its
// message names the field, so that the model can correct the call.
type inputError struct {
	Field string
	Msg   string
}

func (e *inputError) Error() string {
	if e.Field == "" {
		return "invalid arguments: " + e.Msg
	}
	return "invalid argument " + e.Field + ": " + e.Msg
}

// argumentsOf returns the call's arguments as JSON and as a decoded value.
// A call that came over the wire carries both already: mcp-go keeps the raw
// bytes (RawArguments) and decodes them with encoding/json into Arguments, so
// that tree is reused rather than decoded a second time. Calls built in
// process (tests, Go callers) have Go values instead; those are encoded and
// decoded here so that checkValue only ever sees JSON's types.
func argumentsOf(req mcp.CallToolRequest) ([]byte, any, error) {
	raw, err := rawArguments(req)
	if err != nil {
		return nil, nil, err
	}
	if len(raw) > maxArgumentBytes {
		return nil, nil, &inputError{Msg: fmt.Sprintf("arguments are %d bytes, more than the %d allowed", len(raw), maxArgumentBytes)}
	}
	// mcp-go decoded the arguments with encoding/json, which keeps the last
	// of two equal keys without a word ({"flow":[],"flow":[…]}).
	if ptr, dup := jsondup.First(raw); dup {
		return nil, nil, &inputError{Field: strings.TrimPrefix(ptr, "/"), Msg: "appears twice in its object; give each key once (the second would silently replace the first)"}
	}
	if len(req.Params.RawArguments) > 0 {
		if m, ok := req.Params.Arguments.(map[string]any); ok {
			return raw, m, nil
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return nil, nil, &inputError{Msg: "arguments are not valid JSON: " + err.Error()}
	}
	return raw, value, nil
}

func rawArguments(req mcp.CallToolRequest) ([]byte, error) {
	raw := req.Params.RawArguments
	if len(raw) == 0 {
		switch a := req.Params.Arguments.(type) {
		case nil:
		case json.RawMessage:
			raw = a
		default:
			b, err := json.Marshal(a)
			if err != nil {
				return nil, &inputError{Msg: "arguments cannot be encoded as JSON"}
			}
			raw = b
		}
	}
	// Absent and null arguments are no arguments: a Go client's nil map goes
	// out as "arguments": null, and a tool without required arguments (list_sessions)
	// must run for it as it does for {}.
	if t := bytes.TrimSpace(raw); len(t) == 0 || string(t) == "null" {
		return []byte("{}"), nil
	}
	return raw, nil
}

// validateOtherTools gives tools that are not in toolset (a tool added to the
// server with AddTool after NewServer) the same single validation pass the
// FaceSign tools run in their handlers, so that no tool on this server
// receives arguments that break its schema. Each schema is compiled on first
// use and recompiled only when the tool is replaced.
func validateOtherTools(toolset []server.ServerTool) server.ToolHandlerMiddleware {
	own := make(map[string]bool, len(toolset))
	for _, t := range toolset {
		own[t.Tool.Name] = true
	}
	var mu sync.Mutex
	cache := map[string]compiledTool{}
	schemaFor := func(t mcp.Tool) (inputSchema, error) {
		id := schemaIdentity(t)
		mu.Lock()
		defer mu.Unlock()
		c, ok := cache[t.Name]
		if !ok || c.id != id {
			s, err := toolInputSchema(t)
			if err != nil {
				return inputSchema{}, err
			}
			c = compiledTool{id: id, schema: s}
			cache[t.Name] = c
		}
		return c.schema, nil
	}
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if own[req.Params.Name] {
				return next(ctx, req) // the handler validates as it binds
			}
			srv := server.ServerFromContext(ctx)
			if srv == nil {
				return next(ctx, req)
			}
			st := srv.GetTool(req.Params.Name)
			if st == nil {
				return next(ctx, req) // a session's own tool: not ours to check
			}
			s, err := schemaFor(st.Tool)
			if err != nil {
				return mcp.NewToolResultError(fmt.Sprintf("tool %s has an input schema that cannot be used: %v", st.Tool.Name, err)), nil
			}
			if _, err := s.check(req); err != nil {
				return mcp.NewToolResultError(err.Error()), nil
			}
			return next(ctx, req)
		}
	}
}

// toolInputSchema compiles the input schema a tool was registered with.
func toolInputSchema(t mcp.Tool) (inputSchema, error) {
	raw := []byte(t.RawInputSchema)
	if len(raw) == 0 {
		var err error
		if raw, err = json.Marshal(t.InputSchema); err != nil {
			return inputSchema{}, err
		}
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return inputSchema{}, err
	}
	s, err := compileSchema(doc)
	if err != nil {
		return inputSchema{}, err
	}
	return inputSchema{doc: doc, compiled: s}, nil
}

type compiledTool struct {
	id     schemaID
	schema inputSchema
}

// schemaID tells one registration of a tool's input schema from another: the
// identity of its properties map (tools are replaced, not mutated, after
// registration) or of its raw schema bytes.
type schemaID struct {
	props uintptr
	raw   uintptr
	n     int
}

func schemaIdentity(t mcp.Tool) schemaID {
	id := schemaID{props: reflect.ValueOf(t.InputSchema.Properties).Pointer(), n: len(t.InputSchema.Required)}
	if len(t.RawInputSchema) > 0 {
		id.raw, id.n = reflect.ValueOf(t.RawInputSchema).Pointer(), len(t.RawInputSchema)
	}
	return id
}

// checkArguments validates req's arguments against tool's input schema.
func checkArguments(req mcp.CallToolRequest, tool mcp.Tool) error {
	s, err := toolInputSchema(tool)
	if err != nil {
		return err
	}
	_, err = s.check(req)
	return err
}

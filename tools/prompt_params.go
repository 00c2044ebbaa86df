package tools

import (
	"bytes"
	"encoding/json"

	"github.com/mark3labs/mcp-go/mcp"
)

// promptArgError is a prompt argument the caller got wrong.
type promptArgError struct {
	Arg string
	Msg string
}

func (e *promptArgError) Error() string { return e.Msg }

// PromptParamsError returns, for a JSON-RPC request that gets one of our
// prompts with an argument the prompt refuses, the error response to answer
// instead: code -32602 (invalid params), the message naming the argument and
// data {"argument": name}. For any other message it returns nil and the
// message goes on to mcp-go.
//
// The transports call it before mcp-go sees the request because mcp-go
// answers every error a prompt handler returns with -32603 (internal error),
// which tells the client the server broke when the caller made the mistake.
// The handler keeps its own check, so a path that skips this one still
// refuses the argument (as an internal error).
func PromptParamsError(raw []byte) []byte {
	// Every request passes here (a tools/call carrying a whole flow among
	// them), and encoding/json reads a whole body even for one field: a body
	// that does not spell the method out cannot be a prompts/get worth
	// checking (one that escapes its letters gets mcp-go's own answer).
	if !bytes.Contains(raw, []byte(mcp.MethodPromptsGet)) {
		return nil
	}
	var msg struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Method  string          `json:"method"`
		Params  struct {
			Name      string                     `json:"name"`
			Arguments map[string]json.RawMessage `json:"arguments"`
		} `json:"params"`
	}
	if json.Unmarshal(raw, &msg) != nil || msg.Method != string(mcp.MethodPromptsGet) || len(msg.ID) == 0 || string(msg.ID) == "null" {
		return nil
	}
	r, ok := recipeByPrompt(msg.Params.Name)
	if !ok {
		return nil // unknown prompt: mcp-go answers -32602 itself
	}
	args := make(map[string]string, len(msg.Params.Arguments))
	for name, v := range msg.Params.Arguments {
		var s string
		if json.Unmarshal(v, &s) != nil {
			return nil // not a string: mcp-go refuses the request's shape itself
		}
		args[name] = s
	}
	_, err := r.arguments(args)
	pe, ok := err.(*promptArgError)
	if !ok {
		return nil
	}
	out, merr := json.Marshal(map[string]any{
		"jsonrpc": mcp.JSONRPC_VERSION,
		"id":      msg.ID,
		"error": map[string]any{
			"code":    mcp.INVALID_PARAMS,
			"message": "invalid params: " + pe.Msg,
			"data":    map[string]string{"argument": pe.Arg},
		},
	})
	if merr != nil {
		return nil
	}
	return out
}

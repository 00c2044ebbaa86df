package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

// A client that writes its requests and closes stdin at once still gets every
// answer: the real binary, as an MCP client starts it.
func TestStdioAnswersRequestsSentJustBeforeStdinCloses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "facesign-mcp")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "stdio", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir())
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr syncbuffer.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	lines := bufio.NewReader(stdout)

	_, err = io.WriteString(stdin, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`+"\n")
	require.NoError(t, err)
	first, err := lines.ReadString('\n')
	require.NoError(t, err, stderr.String())
	require.Contains(t, first, `"id":1`)

	flow := strings.Join(strings.Fields(validFlow), " ")
	var batch strings.Builder
	batch.WriteString(`{"jsonrpc":"2.0","method":"notifications/initialized"}` + "\n")
	const calls = 20
	for i := range calls {
		fmt.Fprintf(&batch, `{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"validate_flow","arguments":{"flow":%s}}}`+"\n", 100+i, flow)
	}
	fmt.Fprintf(&batch, `{"jsonrpc":"2.0","id":"last","method":"tools/list"}`+"\n")
	_, err = io.WriteString(stdin, batch.String())
	require.NoError(t, err)
	require.NoError(t, stdin.Close())

	answered := map[string]bool{}
	for {
		line, err := lines.ReadString('\n')
		if err != nil {
			break
		}
		var m struct {
			ID     json.RawMessage `json:"id"`
			Result *struct {
				IsError bool `json:"isError"`
			} `json:"result"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		if m.Result != nil {
			assert.False(t, m.Result.IsError, line)
			answered[string(m.ID)] = true
		}
	}
	require.NoError(t, cmd.Wait(), stderr.String())
	for i := range calls {
		assert.True(t, answered[fmt.Sprint(100+i)], "request %d was not answered", 100+i)
	}
	assert.True(t, answered[`"last"`], "tools/list was not answered")
}

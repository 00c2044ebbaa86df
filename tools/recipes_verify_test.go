package tools

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox"
)

// simulate_session says that nodes not named take their success outcome. On a
// fresh sandbox account, with nothing forced, every recipe's flow must then
// end verified: recognition included (the account's default person counts as
// enrolled).
func TestEveryRecipesSuccessPathVerifies(t *testing.T) {
	st := NewMCPStack(t, StackOptions{Sandbox: &sandbox.Config{}})
	for i, r := range recipes {
		t.Run(r.Prompt, func(t *testing.T) {
			c := st.Dial(t)
			setKey(t, c, fmt.Sprintf("sk_test_freshRecipeAccount%04d", i)) // a fresh account each
			RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"description": r.Describe(r.defaults())}), nil)
			var out SimulateOutput
			RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{}), &out)
			assert.Equal(t, "complete", out.Status)
			require.Equal(t, facesign.VerdictVerified, out.Verdict, "%s: %s", r.Prompt, out.Summary)
			require.NotNil(t, out.Report)
			require.NotNil(t, out.Report.IsVerified)
			assert.True(t, *out.Report.IsVerified)
		})
	}
}

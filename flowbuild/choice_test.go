package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/stretchr/testify/require"
)

// TestChoiceEveryOptionIsACheck: each outcome of a choice question leads to a
// code whose only way forward is its verified outcome; every other outcome of
// the code ends unverified, and the options rejoin the same next step.
func TestChoiceEveryOptionIsACheck(t *testing.T) {
	for _, text := range []string{
		"Let them choose between an SMS code or an email code after liveness",
		"passport scan, then let the customer pick email or SMS for the code, then a selfie",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err, text)
		f := res.Flow
		q := f.Node("code_choice")
		require.NotNil(t, q, text)
		require.False(t, q.DoesNotRequireReply, text)
		require.Len(t, q.Outcomes, 2, text)
		rejoin := ""
		for _, o := range q.Outcomes {
			require.Contains(t, o.Condition, choiceCondPrefix, text)
			code := f.Node(o.Target)
			require.NotNil(t, code, text)
			require.Contains(t, []flow.NodeType{flow.TypeTwoFactorSMS, flow.TypeTwoFactorEmail}, code.Type, text)
			for _, co := range code.Outcomes {
				if co.ID == "verified" {
					if rejoin == "" {
						rejoin = co.Target
					}
					require.Equal(t, rejoin, co.Target, "%s: both options rejoin the same step", text)
					continue
				}
				require.Equal(t, "failure", co.Target, "%s: %s.%s", text, code.ID, co.ID)
			}
		}
	}
}

// TestChoiceEditKeepsIt: a flow with a choice read back and changed keeps the
// choice, and removing one option leaves the other on the main path alone.
func TestChoiceEditKeepsIt(t *testing.T) {
	base, err := Build("Liveness, then let them choose between an SMS code or an email code.", Options{})
	require.NoError(t, err)
	res, err := Edit(base.Flow, "make the SMS code 8 digits", Options{})
	require.NoError(t, err)
	require.NotNil(t, res.Flow.Node("code_choice"))
	require.NotNil(t, res.Flow.Node("email_code"))
	res, err = Edit(base.Flow, "remove the email option", Options{})
	require.NoError(t, err)
	require.Nil(t, res.Flow.Node("code_choice"))
	require.Nil(t, res.Flow.Node("email_code"))
	require.NotNil(t, res.Flow.Node("sms_code"))
}

package runner

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

// TestConversationReply: the user's line at a conversation is the caller's reply
// for the node, else inputs.reply, else a stand-in naming the chosen outcome's
// condition ("Okay." when it has none); a node that needs no reply records none.
func TestConversationReply(t *testing.T) {
	flow := `[{"id":"s","type":"start","outcome":"ask"},
		{"id":"ask","type":"conversation","prompt":"Say: Shall we go on?","outcomes":[
			{"id":"yes","targetNodeId":"tell","condition":"the user agrees"},{"id":"no","targetNodeId":"tell","condition":""},
			{"id":"later","targetNodeId":"tell","condition":"the user wants to stop"}]},
		{"id":"tell","type":"conversation","prompt":"Say: Thanks.","doesNotRequireReply":true,"outcomes":[{"id":"ok","targetNodeId":"e","condition":"always"}]},
		{"id":"e","type":"end"}]`
	tests := []struct {
		name string
		sim  SimulateInput
		want string
	}{
		{"no reply: the first outcome's condition", SimulateInput{}, "[sandbox reply] the user agrees"},
		{"forced outcome: its condition", SimulateInput{Outcomes: map[string]string{"ask": "later"}}, "[sandbox reply] the user wants to stop"},
		{"forced outcome without a condition", SimulateInput{Outcomes: map[string]string{"ask": "no"}}, "[sandbox reply] Okay."},
		{"inputs.reply", SimulateInput{Inputs: Inputs{Reply: "Go on."}}, "Go on."},
		{"the node's own reply wins", SimulateInput{Replies: map[string]string{"ask": "Yes please."}, Inputs: Inputs{Reply: "Go on."}}, "Yes please."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(1, nil)
			st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, flow)})
			require.NoError(t, err)
			_, err = e.Run(context.Background(), st, tt.sim)
			require.NoError(t, err)
			var lines []string
			for _, l := range st.Transcript {
				who := "user: "
				if l.IsAvatar {
					who = "avatar: "
				}
				lines = append(lines, who+l.Text)
			}
			assert.Equal(t, []string{"avatar: Shall we go on?", "user: " + tt.want, "avatar: Thanks."}, lines)
		})
	}
}

// TestRecognitionSimilarity: a recognised face carries the similarity the caller
// set in inputs.recognitionSimilarity, else 0.97, whether the outcome was forced
// or a face matched.
func TestRecognitionSimilarity(t *testing.T) {
	flow := `[{"id":"s","type":"start","outcome":"rec"},
		{"id":"rec","type":"recognition","outcomes":{"recognized":"e","newUser":"e","noFace":"e"}},
		{"id":"e","type":"end"}]`
	faces := &MemoryFaces{}
	faces.Enroll(facesign.Face{ID: "face_kim", Name: "Kim Lee", Email: "kim@shop.test"})
	tests := []struct {
		name   string
		inputs Inputs
		want   float64
	}{
		{"forced, caller's similarity", Inputs{Recognition: "recognized", RecognitionSimilarity: ptr(0.42)}, 0.42},
		{"matched, caller's similarity", Inputs{Face: "face_kim", RecognitionSimilarity: ptr(0.81)}, 0.81},
		{"caller's similarity may be 0", Inputs{Face: "face_kim", RecognitionSimilarity: ptr(0.0)}, 0},
		{"matched, default", Inputs{Face: "face_kim"}, 0.97},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(1, faces)
			st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, flow)})
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, SimulateInput{Inputs: tt.inputs})
			require.NoError(t, err)
			require.Equal(t, []string{"s", "rec:recognized", "e"}, pathIDs(res.Path))
			require.NotNil(t, st.Face)
			assert.Equal(t, tt.want, st.Face.Similarity)
			require.Len(t, st.NodeReports, 1)
			assert.Equal(t, tt.want, st.NodeReports[0].Report["similarity"], "the node report's similarity")
		})
	}
}

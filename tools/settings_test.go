package tools

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox"
)

func TestResolveSettings(t *testing.T) {
	avatars := []facesign.Avatar{{ID: "av_1", Name: "Sofia Garcia"}, {ID: "av_2", Name: "Sofia Chen"}, {ID: "av_3", Name: "James"}}
	langs := []facesign.Lang{{ID: "en", Title: "English"}, {ID: "es-ES", Title: "Spanish (Spain)"}, {ID: "es-MX", Title: "Spanish (Mexico)"}, {ID: "fr", Title: "French"}}
	for _, tc := range []struct {
		name       string
		in         SessionSettings
		avatar     string
		langs      []string
		questions  []string // ids of the questions asked
		candidates []string // options of the first question
	}{
		{"by name", SessionSettings{NamedAvatar: "james", NamedLangs: []string{"English", "fr"}}, "av_3", []string{"en", "fr"}, nil, nil},
		{"by id", SessionSettings{NamedAvatar: "av_2"}, "av_2", nil, nil, nil},
		{"full name", SessionSettings{NamedAvatar: "Sofia Chen"}, "av_2", nil, nil, nil},
		{"ambiguous first name", SessionSettings{NamedAvatar: "Sofia"}, "", nil, []string{"avatar"}, []string{"av_1", "av_2"}},
		{"unknown avatar", SessionSettings{NamedAvatar: "Zed"}, "", nil, []string{"avatar"}, []string{"av_1", "av_2", "av_3"}},
		{"language with regions", SessionSettings{NamedLangs: []string{"es", "en"}}, "", []string{"en"}, []string{"langs"}, []string{"es-ES", "es-MX"}},
		{"language by title", SessionSettings{NamedLangs: []string{"Spanish (Mexico)"}}, "", []string{"es-MX"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, qs := resolveSettings(tc.in, avatars, langs)
			assert.True(t, got.Resolved)
			assert.Equal(t, tc.avatar, got.AvatarID)
			assert.Equal(t, tc.langs, got.Langs)
			var ids []string
			for _, q := range qs {
				ids = append(ids, q.ID)
			}
			assert.Equal(t, tc.questions, ids)
			if len(tc.candidates) > 0 {
				assert.Equal(t, tc.candidates, qs[0].Options)
			}
		})
	}
}

// "The avatar Sofia, Spanish and English": the names are matched to the
// sandbox account's ids, shown with what the text named, and every session
// simulate_session creates gets them. Without a key at build time they wait
// and are matched when simulate runs.
func TestAvatarAndLanguagesNamedInADescriptionReachTheSessions(t *testing.T) {
	st := NewMCPStack(t, StackOptions{Sandbox: &sandbox.Config{}})
	desc := "Use the avatar Sofia, in Spanish and English. Liveness check, then an email code."

	c := st.Dial(t)
	setKey(t, c, tkAlice)
	var built BuildFlowOutput
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"description": desc}), &built)
	assert.Equal(t, "avatar_sofia", built.Settings.AvatarID)
	assert.Equal(t, []string{"es", "en"}, built.Settings.Langs)
	require.NotNil(t, built.Named)
	assert.Equal(t, "Sofia", built.Named.NamedAvatar)
	var sim SimulateOutput
	RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{}), &sim)
	require.NotNil(t, sim.Settings)
	assert.Equal(t, "avatar_sofia", sim.Settings.AvatarID)
	var got GetSessionOutput
	RequireOK(t, CallTool(t, c, "get_session", map[string]any{"sessionId": sim.SessionID}), &got)
	assert.Equal(t, "avatar_sofia", got.Session.Settings.AvatarID, "the session was created with the avatar's id")
	assert.Equal(t, []string{"es", "en"}, got.Session.Settings.Langs)
	// The preview's sessions get them too.
	var launched LaunchSessionUIOutput
	RequireOK(t, CallTool(t, c, "launch_session_ui", map[string]any{"openBrowser": false}), &launched)
	assert.Equal(t, "avatar_sofia", launched.Settings["avatarId"], "launch_session_ui applies the flow's avatar")
	assert.Equal(t, []any{"es", "en"}, launched.Settings["langs"])

	// No key while building: the names wait, nothing passes for an id.
	later := st.Dial(t)
	built = BuildFlowOutput{}
	RequireOK(t, CallTool(t, later, "build_flow", map[string]any{"description": desc}), &built)
	assert.Empty(t, built.Settings.AvatarID)
	assert.False(t, built.Named.Resolved)
	setKey(t, later, tkBob)
	sim = SimulateOutput{}
	RequireOK(t, CallTool(t, later, "simulate_session", map[string]any{}), &sim)
	require.NotNil(t, sim.Settings)
	assert.Equal(t, "avatar_sofia", sim.Settings.AvatarID)

	// A name the account does not have is asked about, not guessed; the
	// answer (by id) is then applied.
	built = BuildFlowOutput{}
	RequireOK(t, CallTool(t, later, "build_flow", map[string]any{"avatar": "Zed"}), &built)
	assert.Equal(t, "settings", built.Mode)
	assert.Empty(t, built.Settings.AvatarID)
	require.Len(t, built.Questions, 1)
	assert.Contains(t, built.Questions[0].Text, `"Zed" is not one of this account's avatars`)
	assert.Contains(t, built.Questions[0].Options, "avatar_kenji")
	built = BuildFlowOutput{}
	RequireOK(t, CallTool(t, later, "build_flow", map[string]any{"avatar": "avatar_kenji", "langs": "French"}), &built)
	assert.Equal(t, "avatar_kenji", built.Settings.AvatarID)
	assert.Equal(t, []string{"fr"}, built.Settings.Langs)
	sim = SimulateOutput{}
	RequireOK(t, CallTool(t, later, "simulate_session", map[string]any{}), &sim)
	require.NotNil(t, sim.Settings)
	assert.Equal(t, "avatar_kenji", sim.Settings.AvatarID)
	assert.Equal(t, []string{"fr"}, sim.Settings.Langs)
}

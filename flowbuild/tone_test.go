package flowbuild

import (
	"slices"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// promptsByID gives each conversation node's prompt by id.
func promptsByID(f flow.Flow) map[string]string {
	out := map[string]string{}
	for _, n := range f {
		if n.Type == flow.TypeConversation {
			out[n.ID] = n.Prompt
		}
	}
	return out
}

// assertToned: the lines of ids toned open on tone ("In a calm tone, "); every
// other line is said as written.
func assertToned(t *testing.T, f flow.Flow, tone string, toned []string) {
	t.Helper()
	lines := promptsByID(f)
	for _, id := range toned {
		assert.Contains(t, lines, id, "a line the test names")
	}
	for id, p := range lines {
		if slices.Contains(toned, id) {
			assert.True(t, strings.HasPrefix(p, tone+"say in your own words: "), "%s: %q", id, p)
		} else {
			assert.True(t, strings.HasPrefix(p, "Say: "), "%s: %q", id, p)
		}
	}
}

// A tone the text asks for is a goal the avatar words itself: a "Say:" line
// is spoken as written and would drop it. The lines it is not for stay
// verbatim.
func TestBuildTone(t *testing.T) {
	tests := []struct {
		desc, tone string
		toned      []string // ids of the lines in the tone; the other lines stay "Say:"
	}{
		{"Greet them in a warm, friendly tone, then a liveness check.", "In a warm and friendly tone, ", []string{"greeting"}},
		{"Liveness check, then an email code. Tone should be calm and reassuring, people are nervous.", "In a calm and reassuring tone, ", []string{"greeting", "after_liveness", "closing", "failure"}},
		{"Liveness, then an email code. The avatar should be formal and polite throughout, not too casual.", "In a formal and polite tone, ", []string{"greeting", "after_liveness", "closing", "failure"}},
		{"Liveness check, upbeat tone please", "In an upbeat tone, ", []string{"greeting", "closing", "failure"}},
		{"Recognise returning users. Keep the tone calm.", "In a calm tone, ", []string{"greeting", "new_user", "closing", "failure"}},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r, err := Build(tt.desc, Options{})
			require.NoError(t, err)
			assertToned(t, r.Flow, tt.tone, tt.toned)
			assert.Contains(t, strings.Join(r.Assumptions, "\n"), "carries no tone")
			assert.NotContains(t, strings.Join(r.Assumptions, "\n"), unplacedPrefix)
		})
	}
	// ("not too formal" rules a tone out; a friendly greeting with no word of
	// manner is the greeting's own words)
	r, err := Build("Liveness check. Keep it casual, not too formal.", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(promptsByID(r.Flow)["greeting"], "In a casual tone, "), promptsByID(r.Flow)["greeting"])
	r, err = Build("Say a friendly hello, then a liveness check.", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(promptsByID(r.Flow)["greeting"], "Say: "), promptsByID(r.Flow)["greeting"])
	// the manner said between a verb of telling and what it tells, in commas,
	// leaves what is told in the line, and says the tone once
	r, err = Build("The avatar should greet them and explain, in a friendly tone, that their account was locked after too many attempts. Then liveness.", Options{})
	require.NoError(t, err)
	assert.Equal(t, "Explain to the user in a friendly tone that their account was locked after too many attempts.", promptsByID(r.Flow)["explain"])
}

func TestEditTone(t *testing.T) {
	base, err := Build("Liveness check, then a passport scan, then an email code.", Options{})
	require.NoError(t, err)
	tests := []struct {
		change, tone string
		toned        []string
	}{
		{"Make the greeting friendlier.", "In a friendly tone, ", []string{"greeting"}},
		{"Strike a friendlier tone in the greeting.", "In a friendly tone, ", []string{"greeting"}},
		{"make the closing more formal", "In a formal tone, ", []string{"closing"}},
		{"The avatar should sound friendlier.", "In a friendly tone, ", []string{"greeting", "after_liveness", "closing", "failure"}},
		{"Use a calmer tone.", "In a calm tone, ", []string{"greeting", "after_liveness", "closing", "failure"}},
	}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			r, err := Edit(base.Flow, tt.change, Options{})
			require.NoError(t, err)
			assertToned(t, r.Flow, tt.tone, tt.toned)
			assert.Equal(t, len(base.Flow), len(r.Flow), "a tone adds or drops no node")
		})
	}
	// A line written anew after a change keeps the tone its flow was given,
	// and a second tone replaces the first.
	calm, err := Build("Liveness check, then a passport scan, then an email code. Keep the tone calm.", Options{})
	require.NoError(t, err)
	r, err := Edit(calm.Flow, "remove the passport scan", Options{})
	require.NoError(t, err)
	assert.Equal(t, "In a calm tone, say in your own words: Thank you, that's done. Next, I'll send a one-time code to your email.", promptsByID(r.Flow)["after_liveness"])
	r, err = Edit(calm.Flow, "make the greeting warmer", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(promptsByID(r.Flow)["greeting"], "In a warm tone, say in your own words: Hello"), promptsByID(r.Flow)["greeting"])
}

// Words that name a manner elsewhere ("kind of", "a professional account",
// the user's own calm voice) give the avatar no tone.
func TestBuildNoTone(t *testing.T) {
	for _, desc := range []string{
		"Scan their ID and ask what kind of document it is. Then a liveness check.",
		"Liveness check. It should be kind of quick.",
		"If it is a professional account, scan their ID, otherwise just do a liveness check.",
		"Patient check-in: liveness check, the patient may be in pain.",
		"Ask them to read a phrase out loud in a calm voice, then a liveness check.",
	} {
		r, err := Build(desc, Options{})
		require.NoError(t, err, desc)
		for id, p := range promptsByID(r.Flow) {
			assert.False(t, strings.HasPrefix(p, toneLead), "%s: %s: %q", desc, id, p)
		}
	}
}

// A supposition that asks what would follow ("suppose we removed the age
// check, what happens?") changes nothing.
func TestEditSuppositionQuestion(t *testing.T) {
	base, err := Build("Scan their ID and check they are over 18.", Options{})
	require.NoError(t, err)
	r, err := Edit(base.Flow, "Suppose we removed the age check, what happens?", Options{})
	if err != nil {
		assert.ErrorContains(t, err, "could not tell what to change")
	} else {
		assert.NotNil(t, nodeOfType(r.Flow, flow.TypeDataValidation), "the age check stays")
	}
}

// A prompt that only opens as a toned one does is the integrator's own: a new
// tone goes before it, whole; an empty one after the lead is no panic.
func TestToneKeepsOwnWords(t *testing.T) {
	own := "In addition to the selfie, and in a friendly tone, ask them to show their passport."
	assert.Equal(t, "In a calm tone, in addition to the selfie, and in a friendly tone, ask them to show their passport.", toned(own, "calm"))
	assert.Equal(t, "In a calm tone, ", toned("In a calm tone, ", "calm"))
	assert.Equal(t, "In a warm tone, I'll check your age.", toned("I'll check your age.", "warm"))
	assert.Equal(t, "In a warm tone, say in your own words: Hi.", toned("In a calm and formal tone, say in your own words: Hi.", "warm"))
}

// "The greeting is friendly enough" approves the greeting; it asks for no tone.
func TestEditToneApproved(t *testing.T) {
	base, err := Build("Liveness check, then a passport scan, then an email code.", Options{})
	require.NoError(t, err)
	r, err := Edit(base.Flow, "Remove the email code, the greeting is friendly enough.", Options{})
	require.NoError(t, err)
	assertToned(t, r.Flow, "", nil)
}

package flowbuild

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A condition that quotes a check's verdict ("if the comparison says
// mismatch", "if the liveness check says fake") is the check failing: no node
// says the verdict to the user, and a fallback named after it still hangs
// off the failure (mzc: rvD15 S3/S4).
func TestEditVerdictIsNoLine(t *testing.T) {
	tests := []struct{ base, change, word string }{
		{"Passport scan, face scan, compare them.", "- add an email code at the end\n- if the comparison says mismatch, fall back to a driving licence scan", "mismatch"},
		{"SMS code, liveness, face scan.", "- face scan first\n- if the liveness check says fake, end the session", "fake"},
		{"Email code, DL scan, selfie, compare the two.", "1) email code 7 digits 2) when the compare says no match, send them to a passport scan", "no match"},
	}
	for _, tt := range tests {
		res, err := Edit(built(t, tt.base, Options{}), tt.change, Options{})
		require.NoError(t, err, tt.change)
		for _, n := range res.Flow {
			assert.NotContains(t, strings.ToLower(n.Prompt), tt.word, "%s: node %s says the verdict", tt.change, n.ID)
		}
		assert.NotContains(t, strings.ToLower(res.Summary), "says what the text asks", tt.change)
	}
}

// "X: <a sentence with a removal word>" alone is refused with what to
// write; a removal with a condition after it alone is refused too: neither
// takes the step out (mzc: rvD15 S2/S5).
func TestEditLabelOrConditionRemovesNothing(t *testing.T) {
	base := "Liveness, email code, face scan, SMS code."
	for _, change := range []string{"email code: scrap the attempt limit", "sms code: kill the resend option", "drop the sms code when the carrier is down", "face scan: strip out the default wording"} {
		_, err := Edit(built(t, base, Options{}), change, Options{})
		require.Error(t, err, change)
		assert.Contains(t, err.Error(), "say \"remove the", change)
	}
}

// "beyond" is an exception word (exceptPhrases) in a removal too: the
// removal keeps the step it names (mtn: mrA15 5; removalExcept's gate
// missed it).
func TestEditRemovalBeyondIsExcept(t *testing.T) {
	base := "Liveness, email code, face scan, SMS code."
	for change, kept := range map[string]string{"remove both codes beyond the sms one": "sms_code", "drop the codes, beyond the email code": "email_code"} {
		res, err := Edit(built(t, base, Options{}), change, Options{})
		require.NoError(t, err, change)
		var ids []string
		for _, n := range res.Flow {
			ids = append(ids, n.ID)
		}
		assert.Contains(t, ids, kept, change)
		assert.Contains(t, ids, "face_scan", change)
		assert.Equal(t, 1, strings.Count(res.Summary, "removed"), change)
	}
}

// condRemoval: a comma inside the removal's words ends it, so a condition
// after it belongs to another clause ("remove the sms code, add a document
// scan if they are on desktop": the code goes); a condition before the
// removal is no removal of its own (mrA15 1: the comma test was dead, as
// fieldWords had trimmed the commas).
func TestCondRemovalClauses(t *testing.T) {
	for s, want := range map[string][3]string{
		"remove the sms code, the email code if delivery fails":      {"", "", "false"},
		"if delivery fails, remove the sms code":                     {"", "", "false"},
		"keep the scan,  and  remove the sms code if delivery fails": {"keep the scan", "remove the sms code if delivery fails", "true"},
		"remove the sms code, if delivery fails":                     {"", "remove the sms code, if delivery fails", "true"},
	} {
		kept, clause, ok := condRemoval(s)
		assert.Equal(t, want, [3]string{kept, clause, fmt.Sprint(ok)}, s)
	}
	res, err := Edit(built(t, "Liveness, email code, face scan, SMS code.", Options{}), "remove the sms code, add a document scan if they are on desktop", Options{})
	require.NoError(t, err)
	var ids []string
	for _, n := range res.Flow {
		ids = append(ids, n.ID)
	}
	assert.NotContains(t, ids, "sms_code")
	assert.Contains(t, ids, "document_scan")
}

// settingItem ends the item where editSentences does (listMarkerAt): a
// stray bracket ("over 18) then") is no next item (mrA15 2).
func TestSettingItemEndsAtListMarker(t *testing.T) {
	text := "1) email code 7 digits 2) 3 attempts 3) drop the sms code"
	at := strings.Index(text, "2)") + 2
	assert.True(t, settingItem(text, at), text)
	text = "1) email code 7 digits 2) 3 attempts over 18) then a selfie"
	assert.False(t, settingItem(text, strings.Index(text, "2)")+2), text)
}

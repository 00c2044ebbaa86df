package runner

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func TestEvaluate(t *testing.T) {
	today := time.Date(2025, 6, 15, 23, 30, 0, 0, time.UTC)
	data := map[string]string{
		"dateOfBirth": "2007-06-15", "email": "Jane.Doe@Example.com", "phone": "+1 (415) 555-0123",
		"name": "Jane  Doe", "country": "USA", "documentNumber": "X1234567", "score": "42",
		"expirationDate": "16.06.2025", "expiredOn": "2025-06-15",
	}
	provided := map[string]string{"email": "jane.doe@example.com", "phone": "14155550123", "name": "John Doe"}
	lookup := func(field string) (string, bool) {
		if rest, ok := cutPrefixFold(field, "providedData."); ok {
			return lookupIn(provided, rest)
		}
		if v, ok := lookupIn(data, field); ok {
			return v, true
		}
		return lookupIn(provided, field)
	}
	tests := []struct {
		name                 string
		field, action, value string
		pass                 bool
		reason               string
	}{
		{"18 today is old enough", "dateOfBirth", "olderThan", "18", true, "age 18"},
		{"not 21 yet", "dateOfBirth", "olderThan", "21", false, "age 18 is not at least 21"},
		{"value with words", "dob", "isOlderThan", "18 years", true, ""},
		{"younger than 21", "date_of_birth", "youngerThan", "21", true, ""},
		{"not younger than 18", "dateOfBirth", "youngerThan", "18", false, ""},
		{"max age", "dateOfBirth", "maxAge", "18", true, ""},
		{"age field as a number", "score", "olderThan", "40", true, ""},
		{"age needs a number", "dateOfBirth", "olderThan", "adult", false, `value "adult" is not an age in years`},
		{"missing field fails", "birthplace", "olderThan", "18", false, `no "birthplace" was collected or provided`},
		{"email equals, any case", "email", "equals", "jane.doe@EXAMPLE.com", true, ""},
		{"email equals the one on file", "email", "equals", "matches the one on file", true, ""},
		{"email equals providedData.email", "email", "equals", "providedData.email", true, ""},
		{"empty value compares with providedData", "email", "equals", "", true, ""},
		{"name differs from the one on file", "name", "equals", "the provided name", false, `"Jane  Doe" does not equal "John Doe"`},
		{"template reference", "email", "equals", "{{providedData.email}}", true, ""},
		{"phone by digits", "phone", "equals", "providedData.phone", true, ""},
		{"not on file fails", "country", "equals", "on file", false, "no providedData.country on file to compare with"},
		{"notEquals", "country", "notEquals", "CAN", true, ""},
		{"notEquals same", "country", "not_equals", "usa", false, ""},
		{"contains", "email", "contains", "@example.", true, ""},
		{"does not contain", "email", "contains", "gmail", false, ""},
		{"notContains", "email", "notContains", "gmail", true, ""},
		{"startsWith", "documentNumber", "startsWith", "x12", true, ""},
		{"greaterThan", "score", "greaterThan", "41.5", true, ""},
		{"lessThan", "score", "lessThan", "10", false, ""},
		{"unexpired document", "expirationDate", "after", "today", true, ""},
		{"expires today is not after today", "expiredOn", "isAfter", "Today", false, "2025-06-15 is not after today"},
		{"after a date", "expiredOn", "after", "2025-06-14", true, ""},
		{"before today", "dateOfBirth", "before", "now", true, ""},
		{"not before a date", "expirationDate", "earlierThan", "June 16, 2025", false, "2025-06-16 is not before 2025-06-16"},
		{"after needs a date field", "country", "after", "today", false, `"USA" is not a date`},
		{"after needs a date value", "expirationDate", "after", "soon", false, `value "soon" is neither a date nor "today"`},
		{"exists", "country", "exists", "", true, ""},
		{"isEmpty on missing", "middleName", "isEmpty", "", true, ""},
		{"email format", "email", "matches", "email", true, ""},
		{"phone format", "phone", "format", "phone", true, ""},
		{"date format", "dateOfBirth", "matches", "date", true, ""},
		{"not a date", "country", "matches", "date", false, `"USA" is not a date`},
		{"regex", "documentNumber", "matches", `^[A-Z]\d{7}$`, true, ""},
		{"slash regex with flag", "documentNumber", "regex", `/^x\d+$/i`, true, ""},
		{"regex mismatch", "country", "matches", `^[a-z]+$`, false, ""},
		{"bad regex fails", "country", "matches", `([`, false, "neither a known format nor a valid regular expression"},
		{"unknown action fails", "country", "rhymesWith", "x", false, `unknown action "rhymesWith"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Evaluate(flow.Validation{Field: tt.field, Action: tt.action, Value: tt.value}, lookup, today)
			assert.Equal(t, tt.pass, v.Pass, v.Reason)
			if tt.reason != "" {
				assert.Contains(t, v.Reason, tt.reason)
			}
		})
	}
}

func TestAgeAroundLeapDays(t *testing.T) {
	day := func(s string) time.Time {
		d, ok := ParseDate(s)
		require.True(t, ok, s)
		return d
	}
	tests := []struct {
		dob, today string
		age        int
	}{
		{"2000-02-29", "2018-02-28", 17}, // a leapling's birthday is 1 March in common years
		{"2000-02-29", "2018-03-01", 18},
		{"2000-02-29", "2020-02-29", 20},
		{"2000-02-29", "2020-02-28", 19},
		{"2006-02-28", "2024-02-28", 18},
		{"2006-03-01", "2024-02-29", 17},
		{"1990-04-12", "2025-04-11", 34},
		{"1990-04-12", "2025-04-12", 35},
		{"2007-12-31", "2025-12-31", 18},
		{"2008-01-01", "2025-12-31", 17},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.age, Age(day(tt.dob), day(tt.today)), "%s on %s", tt.dob, tt.today)
	}
	now := time.Date(2018, 2, 28, 12, 0, 0, 0, time.UTC)
	lookup := func(string) (string, bool) { return "29/02/2000", true }
	assert.False(t, Evaluate(flow.Validation{Field: "dob", Action: "olderThan", Value: "18"}, lookup, now).Pass)
	assert.True(t, Evaluate(flow.Validation{Field: "dob", Action: "olderThan", Value: "18"}, lookup, now.Add(24*time.Hour)).Pass)
	future := func(string) (string, bool) { return "2030-01-01", true }
	v := Evaluate(flow.Validation{Field: "dob", Action: "youngerThan", Value: "18"}, future, now)
	assert.False(t, v.Pass)
	assert.Contains(t, v.Reason, "in the future")
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = refused
	}{
		{"1990-04-12", "1990-04-12"},
		{"1990-04-12T08:30:00Z", "1990-04-12"},
		{"1990/04/12", "1990-04-12"},
		{"19900412", "1990-04-12"},
		{"12.04.1990", "1990-04-12"}, // day first with dots
		{"12-04-1990", "1990-04-12"}, // and dashes
		{"04/12/1990", "1990-04-12"}, // month first with slashes (US)
		{"25/12/1990", "1990-12-25"}, // unless the first cannot be a month
		{"12/25/1990", "1990-12-25"},
		{"04-23-1990", "1990-04-23"},
		{"April 12, 1990", "1990-04-12"},
		{"Apr 12, 1990", "1990-04-12"},
		{"12 April 1990", "1990-04-12"},
		{"12 Apr 1990", "1990-04-12"},
		{"12-Apr-1990", "1990-04-12"},
		{" 1990-04-12 ", "1990-04-12"},
		{"29.02.2000", "2000-02-29"},
		{"29.02.2001", ""},
		{"1990-02-30", ""},
		{"31/31/1990", ""},
		{"12.04/1990", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if tt.want == "" {
			assert.False(t, ok, "%q should be refused, got %s", tt.in, got)
			continue
		}
		require.True(t, ok, tt.in)
		assert.Equal(t, tt.want, got.Format(time.DateOnly), tt.in)
	}
}

// TestDataValidationInAFlow: an email typed by the user is checked against the
// one on file, for real, and the outcome follows.
func TestDataValidationInAFlow(t *testing.T) {
	fl := `[{"id":"s","type":"start","outcome":"ask"},
		{"id":"ask","type":"enter_email","prompt":"Say: Your email, please.","outcomes":{"emailEntered":"check","canceled":"bad"}},
		{"id":"check","type":"data_validation","validation":{"field":"email","action":"equals","value":"matches the one on file"},
		 "outcomes":[{"id":"same","targetNodeId":"good","condition":"same email"},{"id":"different","targetNodeId":"bad","condition":"otherwise"}]},
		{"id":"good","type":"conversation","prompt":"Say: good","doesNotRequireReply":true,"outcomes":[{"id":"g","targetNodeId":"e","condition":""}]},
		{"id":"bad","type":"conversation","prompt":"Say: bad","doesNotRequireReply":true,"outcomes":[{"id":"b","targetNodeId":"e","condition":""}]},
		{"id":"e","type":"end"}]`
	tests := []struct {
		name     string
		provided map[string]any
		sim      SimulateInput
		path     []string
		verified bool
	}{
		{"typed address matches, any case", map[string]any{"email": "Kim@Shop.test"}, SimulateInput{Inputs: Inputs{EnterEmail: ptr("kim@shop.TEST")}},
			[]string{"s", "ask:emailEntered", "check:same", "good:g", "e"}, true},
		{"typed address differs", map[string]any{"email": "kim@shop.test"}, SimulateInput{Inputs: Inputs{EnterEmail: ptr("mallory@evil.test")}},
			[]string{"s", "ask:emailEntered", "check:different", "bad:b", "e"}, false},
		{"nothing on file fails", nil, SimulateInput{},
			[]string{"s", "ask:emailEntered", "check:different", "bad:b", "e"}, false},
		{"forced outcome wins", map[string]any{"email": "kim@shop.test"}, SimulateInput{Outcomes: map[string]string{"check": "same"}},
			[]string{"s", "ask:emailEntered", "check:same", "good:g", "e"}, true},
		{"user cancels", nil, SimulateInput{Inputs: Inputs{EnterEmail: ptr("")}},
			[]string{"s", "ask:canceled", "bad:b", "e"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(1, nil)
			st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, fl), ProvidedData: tt.provided})
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, tt.sim)
			require.NoError(t, err)
			assert.Equal(t, tt.path, pathIDs(res.Path))
			assert.Equal(t, tt.verified, st.Verified())
			for _, nr := range st.NodeReports {
				if nr.NodeID == "check" {
					want := map[string]string{"same": "good", "different": "bad"}[res.Path[2].Outcome]
					assert.Equal(t, want, nr.Outcome, "data_validation reports its target node")
					assert.Equal(t, nr.Outcome == "good", nr.Report["passed"] == true || tt.sim.Outcomes != nil)
				}
			}
		})
	}
}

// TestExpiryCheckInAFlow: the check flowbuild writes for "reject expired
// passports" passes the sandbox's default document (valid for years) and
// fails one whose expiration date has passed, or is today.
func TestExpiryCheckInAFlow(t *testing.T) {
	fl := `[{"id":"s","type":"start","outcome":"scan"},
		{"id":"scan","type":"document_scan","allowedDocumentTypes":["passport"],"outcomes":{"scanSuccess":"not_expired","userCancelled":"bad","scanTimeout":"bad"}},
		{"id":"not_expired","type":"data_validation","validation":{"field":"expirationDate","action":"after","value":"today"},
		 "outcomes":[{"id":"valid","targetNodeId":"good","condition":"The document's expiration date is after today"},{"id":"expired","targetNodeId":"bad","condition":"The document has expired"}]},
		{"id":"good","type":"conversation","prompt":"Say: good","doesNotRequireReply":true,"outcomes":[{"id":"g","targetNodeId":"e","condition":""}]},
		{"id":"bad","type":"conversation","prompt":"Say: bad","doesNotRequireReply":true,"outcomes":[{"id":"b","targetNodeId":"e","condition":""}]},
		{"id":"e","type":"end"}]`
	tests := []struct {
		name     string
		document map[string]string
		outcome  string
	}{
		{"the default document is valid", nil, "valid"},
		{"expired last year", map[string]string{"expirationDate": "2024-01-31"}, "expired"},
		{"expires today", map[string]string{"expirationDate": "today"}, "expired"},
		{"valid until 2099", map[string]string{"expirationDate": "31/12/2099"}, "valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, clk := testEngine(1, nil)
			if tt.document["expirationDate"] == "today" {
				tt.document = map[string]string{"expirationDate": clk.Now().UTC().Format(time.DateOnly)}
			}
			st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, fl)})
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Document: tt.document}})
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(res.Path), 3)
			assert.Equal(t, "not_expired", res.Path[2].NodeID)
			assert.Equal(t, tt.outcome, res.Path[2].Outcome)
		})
	}
}

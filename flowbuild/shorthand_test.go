package flowbuild

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Engineers' shorthand for steps (stepShort) and an "x" typed as a cross
// (expandCrossX) are read only where they cannot mean something else.
func TestStepShorthandNearMisses(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"LV -> sms otp", "liveness -> sms otp"},
		{"FC pp photo vs selfie", "face compare passport photo vs selfie"},
		{"DL or PP, then LV", "DL or passport, then liveness"},
		{"fan app for FC Porto members", "fan app for FC Porto members"},           // a club's name
		{"tickets cost €20 pp. then LV", "tickets cost €20 pp. then liveness"},     // per person
		{"see pp. 4-6 of the spec", "see pp. 4-6 of the spec"},                     // pages
		{"kyc: DL scan -> LV. 18+ only", "kyc: DL scan -> liveness. 18+ only"},     // a sentence's end, no page
		{"users in LV and EE", "users in LV and EE"},                               // a country
		{"LV, LT and EE users", "LV, LT and EE users"},                             // a list of country codes
		{"level lv3 users", "level lv3 users"},                                     // part of a word
		{"the Lv team", "the Lv team"},                                             // a name in mixed case
		{"ship via /pp/upload", "ship via /pp/upload"},                             // a path
		{"happy, apps, offc", "happy, apps, offc"},                                 // inside other words
		{"avatar says 'LV -> sms otp' first", "avatar says 'LV -> sms otp' first"}, // the user's own words
		{"a fee of 9 CHF pp", "a fee of 9 CHF pp"},                                 // per person, after a currency
		{"refunds go back via PP", "refunds go back via PP"},                       // a payment
		{"thx pp, lv", "thx pp, lv"},                                               // people
		{"the LV folks", "the LV folks"},                                           // people
		{"PP is Pinpoint here", "PP is Pinpoint here"},                             // a definition
		{"this is an FC", "this is an FC"},                                         // what the user is
		{"Vilnius desk (LV)", "Vilnius desk (LV)"},                                 // a gloss of a name
		{"do an FC vs the PP photo", "do an face compare vs the passport photo"},   // a step after "do an"
	} {
		if got := expandStepShort(tt.in); got != tt.want {
			t.Errorf("expandStepShort(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"LV. x email otp", "LV. ❌ email otp"},
		{"liveness -> x sms code", "liveness -> ❌ sms code"},
		{"- x doc scan", "- ❌ doc scan"},
		{"new phone so x sms", "new phone so ❌ sms"},
		{"send it 2 x then liveness", "send it 2 x then liveness"},
		{"2 x 3 grid of tips", "2 x 3 grid of tips"},                           // multiplication
		{"sms code, x digits long", "sms code, x digits long"},                 // a placeholder
		{"then ask user x for their email", "then ask user x for their email"}, // a placeholder name
		{"liveness x 2", "liveness x 2"},                                       // a count
		{`avatar says "x marks the spot"`, `avatar says "x marks the spot"`},
		{"x email otp unless on VPN", "x email otp unless on VPN"}, // a cross for some: kept
		{"status:\nx liveness (shipped)", "status:\nx liveness (shipped)"},
	} {
		if got := expandCrossX(tt.in); got != tt.want {
			t.Errorf("expandCrossX(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// "age < 18 => tell them sorry + end": the sign is a bound and the double
// arrow a branch, so the user old enough goes on to the closing, and only the
// one too young hears the line and ends (before, adults heard it and ended).
func TestAgeBoundArrowBranch(t *testing.T) {
	r, err := Build("kyc: ID scan -> face compare -> liveness. age < 18 => tell them sorry + end", Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(r.Flow)
	var nodes []struct {
		ID       string          `json:"id"`
		Type     string          `json:"type"`
		Outcomes json.RawMessage `json:"outcomes"`
	}
	if err := json.Unmarshal(b, &nodes); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range nodes {
		if n.Type != "data_validation" {
			continue
		}
		var outs []struct {
			ID     string `json:"id"`
			Target string `json:"targetNodeId"`
		}
		if err := json.Unmarshal(n.Outcomes, &outs); err != nil {
			t.Fatal(err)
		}
		for _, o := range outs {
			if o.ID == "old_enough" {
				found = true
				if o.Target != "closing" {
					t.Errorf("old enough goes to %q, want the closing", o.Target)
				}
			}
		}
	}
	if !found {
		t.Errorf("no age check with an old_enough outcome: %s", b)
	}
}

// "not recognised => DL scan + FC -> then email otp": the "then" after the
// branch is every user's step, so new users go on from their face comparison
// to the email code (before, they finished without it).
func TestArrowBranchThenJoins(t *testing.T) {
	for _, in := range []string{
		"face recognition first. not recognised => DL scan + FC -> then email otp",
		"if the face is recognised, liveness. else scan their licence + FC. Finally, an email otp.",
	} {
		r, err := Build(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(r.Flow)
		var nodes []struct {
			ID       string            `json:"id"`
			Type     string            `json:"type"`
			Outcomes map[string]string `json:"outcomes"`
		}
		_ = json.Unmarshal(b, &nodes)
		joined := false
		for _, n := range nodes {
			if n.Type == "face_compare" && n.Outcomes["match"] != "" {
				for _, m := range nodes {
					joined = joined || m.ID == n.Outcomes["match"] && m.Type == "two_factor_email"
				}
			}
		}
		if !joined {
			t.Errorf("%q: the new users' face comparison does not go on to the email code: %s", in, b)
		}
	}
}

// "Please stay focused: …": a polite lead-in that names no step is a heading
// (no note inviting the user to make it a step); one that names a step ("pls
// request cam access first, then …: …") is an instruction.
func TestPoliteLeadInHeading(t *testing.T) {
	r, err := Build("Please stay focused: email otp, then liveness", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Assumptions {
		if strings.Contains(a, "No step matches") {
			t.Errorf("a polite heading got a note: %q", a)
		}
	}
}

// A shorthand "key value" said of a step other than the code ("max time 45s
// on the liveness check") sets no code's expiry; said of the code, it does.
func TestShorthandSettingOfAnotherStep(t *testing.T) {
	for text, want := range map[string]bool{
		"Email code first, then a liveness check, timeout 45s on the liveness check.": false,
		"A liveness check then an SMS code, ttl 5m on the SMS code.":                  true,
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		for _, n := range r.Flow {
			if (n.Type == flow.TypeTwoFactorEmail || n.Type == flow.TypeTwoFactorSMS) && (n.ExpirySeconds != nil) != want {
				t.Errorf("%q: expiry %v, want set %v", text, n.ExpirySeconds, want)
			}
		}
	}
}

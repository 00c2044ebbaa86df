package flowbuild

import "testing"

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
	} {
		if got := expandStepShort(tt.in); got != tt.want {
			t.Errorf("expandStepShort(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"LV. x email otp", "LV. ❌ email otp"},
		{"liveness -> x sms code", "liveness -> ❌ sms code"},
		{"- x doc scan", "- ❌ doc scan"},
		{"2 x 3 grid of tips", "2 x 3 grid of tips"},                           // multiplication
		{"sms code, x digits long", "sms code, x digits long"},                 // a placeholder
		{"then ask user x for their email", "then ask user x for their email"}, // a placeholder name
		{"liveness x 2", "liveness x 2"},                                       // a count
		{`avatar says "x marks the spot"`, `avatar says "x marks the spot"`},
	} {
		if got := expandCrossX(tt.in); got != tt.want {
			t.Errorf("expandCrossX(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// A digit count said of a number that is no code ("their 11 digit cell
// number", "a 12 digit account id") is no code length FaceSign cannot send:
// no assumption says a code length was not set; one said of the code still is
// (rvB14 M1).
func TestDigitCountOfAnotherNumberSaysNothingOfTheCode(t *testing.T) {
	for text, want := range map[string]bool{
		"face scan, then an email code, then ask for their 11 digit cell number": false,
		"liveness, then an sms otp sent to the 10 digit phone number on file":    false,
		"liveness then a 12 digit email otp":                                     true,
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		said := false
		for _, a := range r.Assumptions {
			said = said || strings.Contains(a, "4 to 8 digits")
		}
		if said != want {
			t.Errorf("%q: code length said back = %v, want %v: %q", text, said, want, r.Assumptions)
		}
	}
}

// A change that only judges a code length too weak ("4 digits is not
// acceptable for the SMS code") never takes the code out of the flow: the
// code stays (or the change is refused, loudly) (rvN18 F16, mnn).
func TestJudgedLengthEditKeepsTheCode(t *testing.T) {
	for base, change := range map[string]string{
		"Face scan, then an email code with 4 digits.": "5 digits is not sufficient for the email OTP.",
		"Liveness, then a text code.":                  "4 digits is not enough for the text code.",
	} {
		b, err := Build(base, Options{})
		if err != nil {
			t.Fatal(base, err)
		}
		r, err := Edit(b.Flow, change, Options{})
		if err != nil {
			continue // refused: the flow is unchanged
		}
		kept := false
		for _, n := range r.Flow {
			kept = kept || n.Type == flow.TypeTwoFactorEmail || n.Type == flow.TypeTwoFactorSMS
		}
		if !kept {
			t.Errorf("%q + %q removed the code: %s", base, change, r.Summary)
		}
	}
}

// A length asked for and judged too weak in one breath ("a 4-digit code,
// which is too weak", "… 4-digit code. 4 digits is too weak") is never set: the
// code keeps its default, and an assumption says so; a length judged by
// another word ("8 digits, which is plenty") is set (rvY18 S8).
func TestLengthJudgedTooWeakIsNotSet(t *testing.T) {
	for text, want := range map[string]int{
		"Liveness, then an email code with a 5-digit code, which is way too weak.": 0,
		"Text code after the document scan, 4 digits. 4 digits is too short.":      0,
		"Send an SMS code with 8 digits, which is plenty.":                         8,
		"Email OTP, 7 digits; 4 digits is too easy to guess.":                      7,
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		got := -1
		for _, n := range r.Flow {
			if n.Type == flow.TypeTwoFactorEmail || n.Type == flow.TypeTwoFactorSMS {
				got = 0
				if n.OTPLength != nil {
					got = *n.OTPLength
				}
			}
		}
		said := false
		for _, a := range r.Assumptions {
			said = said || strings.Contains(a, "too weak")
		}
		if got != want || want == 0 && !said {
			t.Errorf("%q: otpLength %d (want %d), said %v: %q", text, got, want, said, r.Assumptions)
		}
	}
}

// Only a code length is put in place of a length judged too weak: a number
// that counts retries, ages, codes or a second setting, one out of the 4-8
// range, or the same length said again is no replacement (rvA19 S1, S2, S11,
// M2, M3).
func TestJudgedLengthReplacementIsALength(t *testing.T) {
	for text, want := range map[string]bool{
		"4 digits is too weak, use 8.":                       true,
		"4 digits is too weak, use 8 for the SMS code.":      true,
		"5 digits is too short, and we want 2 retries.":      false,
		"5 digits is too short, we require 21+ users.":       false,
		"4 digits is too weak, use 2 codes.":                 false,
		"4 digits is too weak, 3 attempts is too few, use 8": false,
		"4 digits is too weak, use 9.":                       false,
		"4 digits is too weak? No, use 4.":                   false,
		"I don't think 4 digits is too weak, use 8.":         false,
	} {
		ts := tokenize(text)
		got := false
		for i := range ts {
			got = got || lex.lengthUse[ts[i].raw] && judgedLengthBefore(ts, i)
		}
		if got != want {
			t.Errorf("%q: replacement read %v, want %v", text, got, want)
		}
	}
}

package flowbuild

import (
	"strings"
	"testing"
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

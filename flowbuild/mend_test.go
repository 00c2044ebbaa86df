package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A limit a remark states is the age of an age check the change adds; an age
// check the flow already holds is the step a later sentence names, and the
// remark does not rewrite it.
func TestStatedAgeOnlyForAnAddedCheck(t *testing.T) {
	base := built(t, "Liveness check, then scan their passport, check they are over 18, then compare their face to the passport photo.", Options{})
	res, err := Edit(base.Clone(), "Legal says the product is 21+ only. Don't touch the age check.", Options{})
	if err != nil {
		return // asking again is fine; raising the limit unasked is not
	}
	n := res.Flow.Node("age_check")
	if assert.NotNil(t, n) && assert.NotNil(t, n.Validation) {
		assert.Equal(t, "18", n.Validation.Value, "the kept check keeps its age")
	}
}

// Face login is what an enrolment is for only when everyone enrols; a text
// that splits new users from returning ones recognises the returning ones, and
// says nothing that contradicts the recognition it builds.
func TestFaceLoginWithNewUserEnrolment(t *testing.T) {
	for _, desc := range []string{
		"We use face login, and new users enroll with a passport scan.",
		"Face login for returning users, and new users go through enrollment with a passport.",
	} {
		r, err := Build(desc, Options{})
		if !assert.NoError(t, err, desc) {
			continue
		}
		assert.NotNil(t, r.Flow.Node("recognition"), desc)
		for _, a := range r.Assumptions {
			assert.NotContains(t, a, "what the enrolment is for", desc)
			assert.NotContains(t, a, "No step matches", desc)
		}
	}
}

// "Email is the …" names the email code only when it speaks of email as a
// factor, a channel or a weakness; as the user's identifier it is the address.
func TestEmailAsIdentifierIsNoCode(t *testing.T) {
	r, err := Build("Email is the username. Do a liveness check, then have them enter their email.", Options{})
	if assert.NoError(t, err) {
		for _, n := range r.Flow {
			assert.NotEqual(t, "two_factor_email", string(n.Type), "no code was asked for")
		}
	}
}

// A label read as the flow's purpose says "beside the login" only where the
// text names a login.
func TestPurposeNoteNamesNoUnnamedLogin(t *testing.T) {
	r, err := Build("MFA for the payroll portal. Face recognition, then liveness.", Options{})
	if assert.NoError(t, err) {
		assert.Nil(t, r.Flow.Node("two_factor_sms"))
		for _, a := range r.Assumptions {
			assert.NotContains(t, a, "beside the login")
		}
	}
}

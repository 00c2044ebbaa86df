package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Typo correction: a non-word close to one lexicon lemma becomes it; an English
// word never does, whatever lexicon word it resembles.
func TestLemmaTypos(t *testing.T) {
	tests := []struct {
		word, want string
		known      bool
	}{
		{"pasport", "passport", true},
		{"livness", "liveness", true},
		{"recogntion", "recognize", true},
		{"reconise", "recognize", true},
		{"emal", "email", true},
		{"compair", "compare", true},    // two edits, seven letters
		{"verfication", "verify", true}, // a typo of a listed form
		{"identity", "identity", false}, // English: not "identify"
		{"order", "order", false},       // English: not "older"
		{"great", "great", false},       // English: not "greet"
		{"selfi", "selfie", true},
		{"xqzv", "xqzv", false}, // nothing close
		{"sms", "sms", true},    // a form itself
		{"smss", "sms", true},
		{"cod", "cod", false},   // three letters: too short to correct
		{"bind", "bind", false}, // English, and no past of "bin" (a bare "d" follows an "e")
		{"compared", "compare", true},
	}
	for _, tt := range tests {
		got, known := lex.lemma(tt.word)
		assert.Equal(t, tt.want, got, tt.word)
		assert.Equal(t, tt.known, known, tt.word)
	}
}

func TestWithin2(t *testing.T) {
	assert.True(t, within2("compair", "compare"))
	assert.True(t, within2("abc", "abc"))
	assert.True(t, within2("ab", "ba"))
	assert.False(t, within2("compare", "campaign"))
	assert.False(t, within2("a", "abcd"))
}

// What a text is for shapes the greeting and the closing; a purpose word counts
// only beside its noun, so a code sent to an email and a new device elsewhere in
// the text do not make an email change.
func TestDetectUseCase(t *testing.T) {
	tests := []struct {
		text string
		want useCase
	}{
		{"device recovery flow: recognition, liveness, then an SMS code", ucDevice},
		{"user got a new phone and wants to move their account to it: face recognition and liveness", ucDevice},
		{"their phone was stolen, so match their face then send an email code", ucDevice},
		{"lost my phone flow: verify via email code + face recognition, then let them register a new device", ucDevice},
		{"send an sms code to their phone number for new signups, then liveness", ucGeneric},
		{"let users change their email: liveness then an email code", ucEmailChange},
		{"email change: liveness then a code to the new address", ucEmailChange},
		{"For returning users just recognition + liveness. New users: email entry, email OTP, then passport and selfie match.", ucOnboarding},
		{"new customers give their email, then liveness", ucOnboarding},
		{"a new email address goes through liveness and an email code", ucEmailChange},
		{"an email code, then liveness, then ask whether their new job title is right", ucGeneric},
		{"account recovery: liveness, then an email code", ucRecovery},
		{"Face enrollment for our gym members: capture their face once with liveness so they can check in with it later", ucEnrollment},
		{"hotel check-in: liveness, then scan the guest's passport", ucCheckIn},
		// a SIM swap fraud is the risk a flow guards against, not its purpose
		{"Liveness then an email code. No SMS, we had SIM swap fraud last year.", ucGeneric},
		{"liveness + email code; sim-swap attacks are why we avoid sms", ucGeneric},
		{"We're a carrier. Before a SIM swap, check liveness and send an email code.", ucSIMSwap},
		{"SIM swap fraud prevention flow for our mobile network: liveness then ID scan", ucSIMSwap},
		{"Stop SIM swap attacks: before we port anyone's number to a new carrier, liveness and a passport scan", ucSIMSwap},
		// a handover to a person is what a failure does, not a payment
		{"liveness, selfie compared to their ID scan. If the faces don't match, transfer to an agent.", ucGeneric},
		{"Liveness then an SMS code; if it fails, transfer them to our support team", ucGeneric},
		{"liveness then an SMS code before a transfer to a new payee", ucTransfer},
		{"Verify the buyer before any transfer to the escrow agent: liveness plus SMS code", ucTransfer},
		{"Before money transfers to staff or contractors, do liveness and an email code", ucTransfer},
		{"Wire transfers: liveness, then an SMS code. If it fails, transfer them to an agent.", ucTransfer},
		{"AML: verify the customer's photo ID and confirm they are 18 or older", ucOnboarding},
		// where the data comes from is not the purpose
		{"crypto withdrawal over 10k: liveness + face match against KYC selfie we pass in + sms otp", ucCrypto},
		{"crypto payout over 5k: liveness, then a text code", ucPayment},
		{"Big payouts (over 10k EUR) need an extra check: liveness and then an SMS code", ucPayment},
		{"approving payouts to a changed bank account: liveness then an SMS code", ucPayoutChange},
		{"when a seller updates their payout details, check liveness", ucPayoutChange},
		{"bitcoin transfer step-up: liveness and an email code", ucTransfer},
		{"payout change: match the face to the photo from onboarding, then an email code", ucPayoutChange},
		{"sign-in check: compare the face with their enrollment photo we store, then liveness", ucLogin},
		{"KYC for new customers: passport scan, selfie and compare", ucOnboarding},
		{"enroll the employee's face with a liveness check", ucEnrollment},
		{"Returning customer login: face ID against our enrolled faces; if no match, fallback to SMS OTP", ucLogin},
		{"say hi, then a liveness check so the face gets enrolled", ucEnrollment},
		{"payout approval: recognise them among the enrolled users, then liveness", ucPayment},
		// a stated recovery beside a compliance word; a population searched is no enrollment
		{"KYC-regulated customers: account recovery by SMS code, then liveness", ucRecovery},
		{"regain access to the account for an AML-flagged user: liveness then an SMS code", ucRecovery},
		{"2nd factor at sign in: look the face up among our enrolled customers", ucLogin},
		{"swap the phone for a new one: device rebinding with recognition and liveness", ucDevice},
		{"KYC for applicants: passport scan and a face match. Enrollment is done in a separate session.", ucOnboarding},
	}
	for _, tt := range tests {
		assert.Equal(t, useCaseNames[tt.want], useCaseNames[detectUseCase(tokenize(tt.text))], tt.text)
	}
}

// TestUseCaseIgnoresProvidedKey: the providedData key of a photo passed in is a
// name, not words about the flow, so it never sets what the flow is for.
func TestUseCaseIgnoresProvidedKey(t *testing.T) {
	tests := []struct {
		text string
		want useCase
	}{
		{"Login check: take a selfie and compare it with the photo we pass in (key: onboarding_selfie).", ucLogin},
		{"Sign-in: liveness, then compare their face with providedData.onboarding_photo", ucLogin},
		{"Onboarding: take a selfie and compare it with the photo we pass in (key: kyc_photo).", ucOnboarding},
		{"Take a selfie and compare it with the photo we pass in (key: onboarding_selfie).", ucGeneric},
		// the heading says the key's word: only the key's own words are left out
		{"Onboarding: liveness, then compare their face with providedData.onboarding.", ucOnboarding},
		{"Login: liveness, then compare their face with the photo we pass in (key: login).", ucLogin},
	}
	for _, tt := range tests {
		assert.Equal(t, useCaseNames[tt.want], useCaseNames[parse(tt.text).uc], tt.text)
	}
}

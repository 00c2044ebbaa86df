package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	live  = "liveness_detection"
	fscan = "face_scan"
	fcmp  = "face_compare"
	recog = "recognition"
	doc   = "document_scan"
	email = "enter_email"
	eotp  = "two_factor_email"
	sotp  = "two_factor_sms"
	perm  = "permissions"
	dv    = "data_validation"
)

// paraphrases are descriptions written the way users write: synonyms, typos, casual
// phrasing, negation, order words and sentence structures the intents corpus does
// not use. Each is judged exactly as eval-intents judges a case.
var paraphrases = []struct {
	desc   string
	steps  []string
	conv   int
	absent []string
}{
	// synonyms
	{"Make sure a real person is on camera, then text them a verification code.", []string{live, sotp}, 0, nil},
	{"Check the user is alive and not a deepfake, then email them a one-time passcode.", []string{live, eotp}, 0, nil},
	{"Take a photo of their passport and check that the face matches the person in front of the camera.", []string{doc, fcmp}, 0, nil},
	{"Identify the returning customer by their face and confirm they're a live human.", []string{recog, live}, 0, nil},
	{"Grab their email address, nothing more.", []string{email}, 0, []string{eotp, sotp}},
	{"Get a selfie, run a liveness test.", []string{fscan, live}, 0, nil},
	{"Have them show their driving licence and verify they're at least 18 years old.", []string{doc, dv}, 0, nil},
	{"Send a code to their phone, then do an anti-spoofing check.", []string{sotp, live}, 0, nil},
	{"Verify ownership of their mobile number.", []string{sotp}, 0, nil},
	{"Confirm they own the email address by sending a code.", []string{eotp}, 0, nil},
	// typos
	{"Do a livenes check and then send an emial code.", []string{live, eotp}, 0, nil},
	{"Scan the pasport and compre it to their face.", []string{doc, fcmp}, 0, nil},
	{"Reconize the user, then check liveness.", []string{recog, live}, 0, nil},
	{"Verfy with an SMS code and a livness check.", []string{sotp, live}, 0, nil},
	{"Scan there goverment ID and then do a face scan.", []string{doc, fscan}, 0, nil},
	// casual phrasing
	{"just need to know it's a live person, that's it", []string{live}, 0, []string{recog, doc, eotp, sotp}},
	{"hey can you make me a flow that texts the user a code and then checks they're real", []string{sotp, live}, 0, nil},
	{"so basically: face recognition for people coming back", []string{recog, live}, 0, nil},
	{"I want folks to type in their email and we'll validate it matches what's on file", []string{email, dv}, 0, nil},
	{"we gotta scan the ID, snap a selfie, compare 'em and then SMS them", []string{doc, fscan, fcmp, sotp}, 0, nil},
	// negation
	{"Liveness check, no SMS, just an email OTP.", []string{live, eotp}, 0, []string{sotp}},
	{"Recognize the user and make sure they're live, no ID document required.", []string{recog, live}, 0, []string{doc}},
	{"Without any liveness, scan their face and compare it to the photo we provide.", []string{fscan, fcmp}, 0, []string{live}},
	{"Ask for their email but don't send a verification code.", []string{email}, 0, []string{eotp}},
	{"Only a liveness check please, no codes and no documents.", []string{live}, 0, []string{eotp, sotp, doc}},
	{"Skip the document. Recognize the face and check liveness.", []string{recog, live}, 0, []string{doc}},
	{"Send an email code instead of an SMS.", []string{eotp}, 0, []string{sotp}},
	// order words
	{"Send an SMS code. Do the liveness check first.", []string{live, sotp}, 0, nil},
	{"Email OTP at the end, liveness at the start, SMS code in between.", []string{live, sotp, eotp}, 0, nil},
	{"After the liveness check, send an email code.", []string{live, eotp}, 0, nil},
	{"Send an SMS code after the liveness check.", []string{live, sotp}, 0, nil},
	{"Do a liveness check before the email code.", []string{live, eotp}, 0, nil},
	{"Begin with camera and mic permissions, then recognize the user, and lastly liveness.", []string{perm, recog, live}, 0, nil},
	{"Finally send an email OTP; before that scan the ID; start with liveness.", []string{live, doc, eotp}, 0, nil},
	// different structures
	{"A flow where the user first enters their email, then we recognize their face against enrolled faces and check liveness.", []string{email, recog, live}, 0, nil},
	{"For high value payouts I'd like liveness, an SMS one-time password and then an email one.", []string{live, sotp, eotp}, 0, nil},
	{"Passport scan followed by a face comparison.", []string{doc, fcmp}, 0, nil},
	{"Onboarding: ID, selfie, liveness. Then welcome them and explain how it works next time.", []string{doc, fscan, live}, 1, nil},
	{"Step-up for a large withdrawal: check liveness, then have the avatar confirm the wallet address and ask if anyone is pressuring them, and finally text a code.", []string{live, sotp}, 1, nil},
	{"Age check: read the date of birth from their ID and confirm they're 21+.", []string{doc, dv}, 0, nil},
	{"Greet them, match their face to our stored biometrics, verify liveness, then say goodbye.", []string{recog, live}, 2, nil},
	{"Ask them their mother's maiden name and the last 4 digits of their SSN.", []string{}, 1, nil},
	{"Employee enrollment: face scan with liveness so we can recognise them in future logins.", []string{fscan, live}, 0, []string{recog}},
	{"Ask for permission to use the webcam, then take a face scan in the oval.", []string{perm, fscan}, 0, nil},
	{"Detect deepfakes, then ask the customer why they want to port their number to a new SIM.", []string{live}, 1, nil},
	{"Remote notary: ID scan, liveness, then ask them to say their full name and confirm they're signing of their own free will, then an email code.", []string{doc, live, eotp}, 1, nil},
	{"Login with face: match against enrolled users and check it's a live person. No document.", []string{recog, live}, 0, []string{doc}},
	{"Prove they control their email with a one time code, then liveness.", []string{eotp, live}, 0, nil},
}

// TestBuildParaphrases is the builder's own hidden-set stand-in: it must pass every case.
func TestBuildParaphrases(t *testing.T) {
	require.GreaterOrEqual(t, len(paraphrases), 40)
	for _, c := range paraphrases {
		t.Run(c.desc, func(t *testing.T) {
			res, err := Build(c.desc, Options{})
			require.NoError(t, err)
			judge(t, res.Flow, c.steps, c.conv, c.absent)
		})
	}
}

// editParaphrases are changes phrased differently from the corpus.
var editParaphrases = []struct {
	base, change string
	steps        []string
	absent       []string
}{
	{"Liveness check then email OTP.", "Put an SMS code right after liveness.", []string{live, sotp, eotp}, nil},
	{"Liveness check then email OTP.", "Insert a text message code before the email code.", []string{live, sotp, eotp}, nil},
	{"Scan ID, face compare, liveness, email OTP.", "Drop the email code.", []string{doc, fcmp, live}, []string{eotp}},
	{"Scan ID, face compare, liveness, email OTP.", "We don't need the email OTP anymore.", []string{doc, fcmp, live}, []string{eotp}},
	{"Liveness then SMS OTP.", "Replace the SMS code with an email code.", []string{live, eotp}, []string{sotp}},
	{"Liveness then SMS OTP.", "Switch the text message to email.", []string{live, eotp}, []string{sotp}},
	{"Email OTP, then liveness.", "Move liveness to the beginning.", []string{live, eotp}, nil},
	{"Email OTP, then liveness.", "Liveness should come before the email code.", []string{live, eotp}, nil},
	{"Document scan then face compare.", "Start with a liveness check.", []string{live, doc, fcmp}, nil},
	{"Liveness then SMS OTP.", "Add an ID scan at the end.", []string{live, sotp, doc}, nil},
	{"Recognize the user and check liveness.", "Remove the recognition.", []string{live}, []string{recog}},
	{"Liveness, then SMS code, then email code.", "Move the email code before the SMS code.", []string{live, eotp, sotp}, nil},
}

func TestEditParaphrases(t *testing.T) {
	for _, c := range editParaphrases {
		t.Run(c.change, func(t *testing.T) {
			base, err := Build(c.base, Options{})
			require.NoError(t, err)
			res, err := Edit(base.Flow, c.change, Options{})
			require.NoError(t, err)
			judge(t, res.Flow, c.steps, 0, c.absent)
		})
	}
}

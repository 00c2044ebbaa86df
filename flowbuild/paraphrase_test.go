package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
	// a second batch: each corpus intent said again in other words
	{"Step up auth for big wire transfers (above $10,000): first confirm they're live, then the avatar asks who they're sending money to and how much, also check nobody is coercing them, and last an email code.", []string{live, eotp}, 0, nil},
	{"Account recovery: user types in their email, we match their face to their enrolled biometric, then liveness. If all good they can reset their password.", []string{email, recog, live}, 0, nil},
	{"New customer onboarding - scan government issued ID, take a face scan, check liveness, then the avatar welcomes them and explains future verifications.", []string{doc, fscan, live}, 0, nil},
	{"Wire transfer step-up: liveness, a security question about the payment, email one-time code.", []string{live, eotp}, 0, nil},
	{"Liveness only.", []string{live}, 0, nil},
	{"Liveness and that's all.", []string{live}, 0, nil},
	{"SMS OTP first and then liveness detection.", []string{sotp, live}, 0, nil},
	{"Scan their passport, then check the passport photo matches the person on the video.", []string{doc, fcmp}, 0, nil},
	{"Request camera + microphone access, recognise the returning customer, then verify liveness.", []string{perm, recog, live}, 0, nil},
	{"Only collect their email address; no OTP.", []string{email}, 0, nil},
	{"Approve high value payments with liveness, an SMS code and an email code, in that order.", []string{live, sotp, eotp}, 0, nil},
	{"Check age: scan their driver's licence and validate that the DOB shows they're older than 21.", []string{doc, dv}, 0, nil},
	{"Bank account recovery: face recognition, liveness, ID scan and then compare the ID picture with their face.", []string{recog, live, doc, fcmp}, 0, nil},
	{"Enroll staff: high quality face capture plus liveness, so they can be recognized next time.", []string{fscan, live}, 0, nil},
	{"2FA login: recognize the face among enrolled users and ensure it's a live person; no ID.", []string{recog, live}, 0, nil},
	{"Verify identity by asking for date of birth and last 4 of their card.", []string{}, 0, nil},
	{"Reset password: email one time code then a fast liveness check.", []string{eotp, live}, 0, nil},
	{"Check for deepfakes in the video and then ask why they need a SIM swap.", []string{live}, 0, nil},
	{"Seller onboarding: scan ID doc, take a selfie, compare them, then SMS verification of their phone.", []string{doc, fscan, fcmp, sotp}, 0, nil},
	{"Before they change the payout account: liveness, then they enter their email, then check it matches the email on file.", []string{live, email, dv}, 0, nil},
	{"Crypto withdrawals above 10k - liveness first, then a conversation confirming the wallet and checking for coercion, and an SMS OTP at the end.", []string{live, sotp}, 0, nil},
	{"Locked out user: say hi first, then recognize them, then liveness check, and end with a goodbye.", []string{recog, live}, 0, nil},
	{"Hotel check in flow: passport scan and face compare.", []string{doc, fcmp}, 0, nil},
	{"Email verification with a code.", []string{eotp}, 0, nil},
	{"Confirm the user owns the phone number.", []string{sotp}, 0, nil},
	{"KYC flow: government ID, compare face to the ID, liveness, then collect their email.", []string{doc, fcmp, live, email}, 0, nil},
	{"Changing account email: recognize against enrolled faces, liveness, then email OTP to the new email.", []string{recog, live, eotp}, 0, nil},
	{"No liveness please. Just a face scan and compare to the provided photo.", []string{fscan, fcmp}, 0, nil},
	{"Returning user quick check, face recognition only.", []string{recog, live}, 0, nil},
	{"Get camera permission, then face scan using the oval.", []string{perm, fscan}, 0, nil},
	{"Remote notarisation: ID scan, liveness, ask them to state full name and confirm they sign of their own will, then email OTP.", []string{doc, live, eotp}, 0, nil},
	{"Text message code, then liveness.", []string{sotp, live}, 0, nil},
	{"Use a text code and a liveness check afterwards.", []string{sotp, live}, 0, nil},
	{"Check liveness, then verify their email address with a code.", []string{live, eotp}, 0, nil},
	{"Phone verification via SMS then liveness.", []string{sotp, live}, 0, nil},
	{"Liveness then face recognition.", []string{recog, live}, 0, nil},
	{"Recognition followed by liveness and a passport scan.", []string{recog, live, doc}, 0, nil},
	{"Selfie then compare with the ID photo.", []string{fscan, doc, fcmp}, 0, nil},
	{"Scan their ID card, verify they're an adult.", []string{doc, dv}, 0, nil},
	{"make sure they are over 18 by scanning their ID", []string{doc, dv}, 0, nil},
	{"The user should type their email and then get a code by email.", []string{email, eotp}, 0, nil},
	{"Liveness check followed by an emailed code.", []string{live, eotp}, 0, nil},
	{"Detect spoofing, then SMS OTP.", []string{live, sotp}, 0, nil},
	{"Liveness check; afterwards ask them to confirm the transaction amount.", []string{live}, 0, nil},
	{"Run liveness detection and then send a passcode to their email.", []string{live, eotp}, 0, nil},
	{"Check they're a live human and send an OTP via text.", []string{live, sotp}, 0, nil},
	{"Compare their selfie to their passport photo.", []string{doc, fscan, fcmp}, 0, nil},
	{"Verify the user's face matches their ID.", []string{doc, fcmp}, 0, nil},
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
	{"Liveness check then email OTP.", "Also send a text message code after the liveness.", []string{live, sotp, eotp}, nil},
	{"Liveness check then email OTP.", "After liveness, add an SMS verification.", []string{live, sotp, eotp}, nil},
	{"Liveness check then email OTP.", "Add SMS OTP between liveness and the email code.", []string{live, sotp, eotp}, nil},
	{"Scan ID, face compare, liveness, email OTP.", "Get rid of the email code.", []string{doc, fcmp, live}, nil},
	{"Scan ID, face compare, liveness, email OTP.", "No email OTP.", []string{doc, fcmp, live}, nil},
	{"Scan ID, face compare, liveness, email OTP.", "Take out the email verification step.", []string{doc, fcmp, live}, nil},
	{"Liveness then SMS OTP.", "Send the code by email rather than SMS.", []string{live, eotp}, nil},
	{"Liveness then SMS OTP.", "Change the SMS code to an email code.", []string{live, eotp}, nil},
	{"Liveness then SMS OTP.", "Swap SMS for email.", []string{live, eotp}, nil},
	{"Liveness then SMS OTP.", "Email the code instead of texting it.", []string{live, eotp}, nil},
	{"Email OTP, then liveness.", "Liveness first.", []string{live, eotp}, nil},
	{"Email OTP, then liveness.", "Put the liveness check before the email code.", []string{live, eotp}, nil},
	{"Email OTP, then liveness.", "Move the email code to the end.", []string{live, eotp}, nil},
	{"Email OTP, then liveness.", "Swap the order.", []string{live, eotp}, nil},
	{"Recognize the user and check liveness.", "At the end, ask for their date of birth.", []string{recog, live}, nil},
	{"Recognize the user and check liveness.", "Add a question asking their date of birth.", []string{recog, live}, nil},
	{"Document scan then face compare.", "Begin with liveness.", []string{live, doc, fcmp}, nil},
	{"Document scan then face compare.", "Add liveness before the document scan.", []string{live, doc, fcmp}, nil},
	{"Document scan then face compare.", "Insert a liveness check at the beginning.", []string{live, doc, fcmp}, nil},
	{"Liveness then SMS OTP.", "Change the greeting to \"Hi there! Thanks for banking with us, this will only take a minute, so please look at the camera.\"", []string{live, sotp}, nil},
	{"Liveness then SMS OTP.", "Remove liveness.", []string{sotp}, nil},
}

func TestEditParaphrases(t *testing.T) {
	for _, c := range editParaphrases {
		t.Run(c.change, func(t *testing.T) {
			base, err := Build(c.base, Options{})
			require.NoError(t, err)
			res, err := Edit(base.Flow, c.change, Options{})
			require.NoError(t, err)
			judge(t, res.Flow, c.steps, 0, c.absent)
			// the change touches few nodes: the others keep their ids
			kept := 0
			for _, n := range base.Flow {
				if res.Flow.Node(n.ID) != nil {
					kept++
				}
			}
			assert.GreaterOrEqual(t, kept, len(base.Flow)-3, "ids of untouched nodes survive (a removed recognition takes its new-user branch along)")
		})
	}
}

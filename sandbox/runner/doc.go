// Package runner is the sandbox's flow engine: it walks one session through its
// flow node by node and records what FaceSign would record (transcript, node
// reports, screenshots, the final report). It is pure logic: no database, no HTTP.
// The sandbox store saves the State as JSON after every step, so a session in
// progress resumes exactly where it stood; the simulate endpoint (Run) and the
// hosted page (Advance, one node per user action) drive the same engine.
//
// # Lifecycle
//
// Start makes the State of a new session (status requiresInput, current node =
// the start node). The first Advance runs the start node and moves the status to
// processing; reaching an end node moves it to complete; Cancel moves a session
// that is not finished to canceled (the user left, or it expired unused). Every
// status change comes back as an Effects.StatusChanges entry (one webhook event
// each), creation included. Effects also carry the OTP messages for the outbox
// and the faces to enrol: the engine never writes anywhere, the store persists
// the effects in the same transaction as the State. Run and Advance work on a
// copy and commit it only on success: on error the State is as it was.
//
// Arriving at a node does its work at once: the avatar's line goes into the
// transcript (Pending shows it) and a two-factor node sends its code. Advance then
// resolves the current node with the user's Input. A two-factor node stays
// current after a wrong code while attempts remain; every other node resolves in
// one Advance. Run loops Advance until an end. A session may resolve at most
// Config.MaxSteps nodes (1000): a flow that cycles gets ErrStepLimit naming the
// nodes it went round.
//
// # What decides an outcome
//
// An explicit outcome (SimulateInput.Outcomes[nodeId], or Input.Outcome) always
// wins: a map outcome is named by its name, a list outcome by its id. Otherwise:
//
//   - conversation: the first outcome. The reply (Replies[nodeId], Input.Reply,
//     else inputs.reply, else "[sandbox reply] <the outcome's condition>") is the
//     user's transcript line, unless doesNotRequireReply. An email address in a
//     reply is collected when none is known. A "Say: X" prompt is spoken as X; any
//     other prompt is a goal, shown as "[sandbox avatar, goal] <prompt>".
//   - permissions: inputs.permissions, default granted. Denied turns the camera
//     off: later video nodes default to noFace/captureUnavailable, error, scanTimeout.
//   - liveness_detection: inputs.liveness, default livenessDetected. A pass when
//     the user's name and email are known (collected, providedData, or inputs;
//     never the persona) enrols a face (Effects.Enrolled), unless a face with
//     that email is enrolled already.
//   - recognition: inputs.recognition; "auto" (default) asks Faces.Match with the
//     probe (inputs.face, else the known email, phone, name; see Probe.Best):
//     recognized when an enrolled face matches. The account's default person
//     (the persona below) counts as enrolled on every account, so with nobody
//     named, or the persona named, auto gives recognized: a flow with nothing
//     forced takes its success path. Naming someone nobody enrolled, or
//     inputs.recognition "newUser", gives newUser. A recognized
//     profile's fields are collected; its report has inputs.recognitionSimilarity
//     (default 0.97).
//   - face_scan: inputs.faceScan, else passed when the liveness challenge (if the
//     node requires it) passes (inputs.livenessChallenge, default true) and
//     inputs.faceSimilarity (default 0.93) reaches similarityThreshold (default
//     0.8), notPassed otherwise.
//   - face_compare: imageUnavailable when a source has no image (no document
//     scanned, no face scan passed, a providedData key absent, the camera denied);
//     else match when inputs.faceSimilarity reaches similarityThreshold.
//   - document_scan: inputs.documentScan, default scanSuccess: the persona's adult
//     passport (or the first allowed type) with inputs.document on top; a type the
//     node does not allow gives scanTimeout. The fields are collected.
//   - enter_email: the typed address (Input.Email, inputs.enterEmail, inputs.email,
//     else the persona's); "" gives canceled.
//   - two_factor_email / two_factor_sms: the address is the collected email or
//     phone, else providedData's, else inputs.email / inputs.phone, else the
//     persona's (the user types one in). delivery_failed when inputs.otpDelivery
//     is "failed" or the address is "" (inputs.email: "" = the user has none).
//     The code has otpLength digits (default 6; 4–8) from the random source, lives
//     expirySeconds (300; at most a day), and only its hash is in the State. Each
//     entered code is an attempt: the right one gives verified and collects the
//     address; maxAttempts (3; at most 20) wrong ones, or any code entered after
//     expiry, give failed_unverified. Simulate enters inputs.otpCodes in order,
//     then inputs.otpCode, else the correct code; each entry comes
//     inputs.otpDelaySeconds after the previous one.
//   - data_validation: evaluated for real on the collected data and providedData
//     (see Evaluate). The first list outcome is "pass", the second "fail"; a node
//     with a single outcome takes it either way. Missing data fails.
//
// # Inputs (the simulate API's "inputs", the hosted page's Sandbox controls)
//
//	liveness              livenessDetected | deepfakeDetected | noFace | inconclusive | captureUnavailable
//	recognition           auto | recognized | newUser | noFace
//	recognitionSimilarity 0–1, reported on recognized (default 0.97)
//	face                  who is on camera: an enrolled face id, or an email, phone or name
//	name, email, phone,   who the user is (known identity); for email and phone ""
//	company, jobTitle     means the user has none
//	document              object of document fields (strings) over the persona's
//	documentScan          scanSuccess | userCancelled | scanTimeout
//	faceSimilarity        0–1 (default 0.93), for face_scan and face_compare
//	faceScan              passed | notPassed | cancelled | error
//	livenessChallenge     boolean (default true)
//	reply                 the user's reply at conversations without their own
//	permissions           granted | denied
//	enterEmail            what the user types at enter_email
//	otpCode               the code entered at every attempt (default: the right one)
//	otpCodes              the codes of the first attempts, in order
//	otpDelaySeconds       seconds before each code is entered (0–86400)
//	otpDelivery           delivered | failed
//	sex                   the AI analysis' sex: female (default) | male
//
// ParseInputs refuses unknown keys, wrong types and bad values with ErrBadInput
// naming the key.
//
// # The report
//
// Report gives FaceSign's shape with sandbox: true: transcript, nodeReports (the
// contract's per-type report fields; conversation and data_validation report the
// chosen outcome's target node id), screenshots (the hosted page's frames as
// Input.Screenshot gave them, "sandbox-media:{id}", which the sandbox turns into
// signed URLs whenever it answers; or sandbox://sessions/{id}/screenshots/{node}-{n}.jpg),
// videos (sandbox:// URLs),
// extractedData (the collected data), livenessDetected, aiAnalysis (plausible:
// age from the date of birth, "virtual" after a deepfake verdict; omitted when
// videoAIAnalysisEnabled is false) and isVerified (see State.Verified: complete,
// every verification node visited took its success outcome, and every one on
// the flow's success path was visited).
//
// The sandbox persona, when nothing says otherwise, is Alex Morgan,
// alex.morgan@example.com, +14155550123, born 1990-04-12, passport X1234567 of
// the USA expiring ten years after the scan.
package runner

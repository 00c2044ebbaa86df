// Package runner is the sandbox's flow engine: it walks one session through its
// flow node by node and records what FaceSign would record (transcript, node
// reports, screenshots, the final report). It is pure logic: no database, no HTTP.
// The sandbox store persists a State after every step, so a session in progress
// resumes exactly where it stood; the simulate endpoint (Run) and the hosted page
// (Advance, one node per user action) drive the same engine.
//
// # Lifecycle
//
// Start makes the State of a new session (status requiresInput, current node =
// the start node). The first Advance runs the start node and moves the status to
// processing; reaching an end node moves it to complete; Cancel moves a session
// that is not finished to canceled (the user left, or it expired unused). Every
// status change comes back as an Effects.StatusChanges entry (one webhook event
// each), creation included. Effects also carry the OTP messages to put in the
// outbox and the faces to enrol; the store persists them together with the State.
// On error nothing changes: Run and Advance work on a copy and commit it only on
// success.
//
// Entering a node does its "arrival" work at once: the avatar's line goes into
// the transcript and a two-factor node sends its code. Advance then resolves the
// current node with the user's Input. A two-factor node stays current after a
// wrong code while attempts remain; every other node resolves in one Advance.
//
// # What decides an outcome
//
// An explicit outcome (SimulateInput.Outcomes[nodeId], or Input.Outcome) always
// wins: a map outcome is named by its name, a list outcome by its id. Otherwise:
//
//   - conversation: the first outcome; the reply (Replies[nodeId], Input.Reply or
//     inputs.reply) is recorded as the user's line, unless doesNotRequireReply.
//     An email address in a reply is collected as "email" when none is known.
//   - permissions: inputs.permissions ("granted" | "denied"), default granted.
//   - liveness_detection: inputs.liveness, default livenessDetected. A pass with a
//     known name and email (collected, provided or given as inputs, never the
//     sandbox persona) enrols a face unless the person is already enrolled.
//   - recognition: inputs.recognition; "auto" (default) asks Faces.Match with the
//     probe (inputs.face, else the known email, phone, name): recognized when an
//     enrolled face matches, newUser otherwise; "recognized" | "newUser" | "noFace"
//     force it.
//   - face_scan: inputs.faceScan forces it; otherwise passed when the liveness
//     challenge (if required) passes (inputs.livenessChallenge, default true) and
//     inputs.faceSimilarity (default 0.93) reaches the node's similarityThreshold
//     (default 0.8), notPassed otherwise.
//   - face_compare: imageUnavailable when a source is missing (no document scanned,
//     no face scan passed, a providedData key absent); otherwise match when
//     inputs.faceSimilarity (default 0.93) reaches similarityThreshold (default 0.8).
//   - document_scan: inputs.documentScan (default scanSuccess); the fields are the
//     sandbox persona's adult passport, overridden by inputs.document, and are
//     collected (firstName, lastName, name, dateOfBirth, documentNumber,
//     documentType, country, expirationDate).
//   - enter_email: the typed address (Input.Email, inputs.enterEmail, inputs.email,
//     else the persona's); emailEntered, or canceled when the address is "".
//   - two_factor_email / two_factor_sms: the address is the collected email/phone,
//     else providedData's, else inputs.email/inputs.phone, else the persona's.
//     delivery_failed when inputs.otpDelivery is "failed" or the address resolves
//     to "" (inputs.email: "" means the user has none). The code has otpLength
//     digits (default 6) from the random source and lives expirySeconds (300).
//     Each entered code counts an attempt: the right one gives verified; after
//     maxAttempts (3) wrong ones, or a code entered after expiry, failed_unverified.
//     Simulate enters inputs.otpCodes in order, then inputs.otpCode on every
//     further attempt, else the correct code; inputs.otpDelaySeconds is the time
//     the user takes before each entry.
//   - data_validation: evaluated for real on the collected data and providedData
//     (see Evaluate). The first list outcome is "pass", the second "fail"; a flow
//     with a single outcome takes it either way. Missing data fails.
//
// # Inputs (the simulate API's "inputs", the hosted page's Sandbox controls)
//
//	liveness              livenessDetected | deepfakeDetected | noFace | inconclusive | captureUnavailable
//	recognition           auto | recognized | newUser | noFace
//	recognitionSimilarity 0–1, reported on recognized (default 0.97)
//	face                  who is on camera: an enrolled face id, email, phone or name
//	name, email, phone,   who the user is; count as known identity; email/phone
//	company, jobTitle     "" means the user has none
//	document              object of document fields overriding the persona's
//	documentScan          scanSuccess | userCancelled | scanTimeout
//	faceSimilarity        0–1 (default 0.93) for face_scan and face_compare
//	faceScan              passed | notPassed | cancelled | error
//	livenessChallenge     boolean (default true)
//	reply                 the user's reply at every conversation without its own
//	permissions           granted | denied
//	enterEmail            what the user types at enter_email
//	otpCode, otpCodes     code entered on every attempt / codes of the first attempts
//	otpDelaySeconds       seconds the user takes before entering a code
//	otpDelivery           delivered | failed
//	sex                   the AI analysis' sex (default female)
//
// The sandbox persona (defaults when nothing says otherwise) is Alex Morgan,
// alex.morgan@example.com, +14155550123, born 1990-04-12, passport X1234567 of
// the USA expiring ten years after the session.
package runner

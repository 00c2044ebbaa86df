// Package flowbuild builds FaceSign flows from plain English and edits them
// the same way: Build turns a description into a flow, Edit applies a described
// change to one, and both say what they assumed and what they could not
// decide (Questions). It is the language layer on top of the flow model in
// flowbuild/flow, and it imports nothing heavier than that model.
//
// The understanding is a small pipeline, each stage in its own file:
//
//   - dictation.go: text dictated to speech-to-text read as typed: spoken
//     punctuation ("comma", "full stop"), letters spelled out ("S M S"),
//     words split by a space ("pass port"), numbers said in words ("zero
//     point nine"), each checked against the lexicon.
//   - lexicon.go: normalisation. Words are lower-cased and split; word pairs
//     that name one thing are joined ("e mail", "1:N", "leave out"); every
//     surface form maps to a lemma ("recognise", "recognition" → recognize);
//     a word that is not an English word (internal/english, an embedded word
//     list) and sits one edit (two for long words) from exactly one lemma is
//     taken for a typo of it. Every word list the stages read lives here.
//   - parse.go: clauses. The text is cut into clauses at punctuation, "then",
//     arrows and "and" before a new instruction; each clause is read for the
//     steps it names, negation ("no SMS", "skip the document"), order words
//     and references ("after the ID scan").
//   - rules.go: detection, a table of rules: for each lemma that can name a
//     step, the context it needs and the step it makes.
//   - conditions.go: condition and scope. "If they're new, …", "if the email
//     code fails, …", "if under 18 …" do not add steps to the main path: they
//     send the clause's steps onto a recognition's new-user path, a step's
//     fallback, or make them the failure message.
//   - settings.go: settings of a step ("8 digits", "expire after 10 minutes",
//     "passports only", "camera only"), given to the step they belong to.
//   - choice.go: the user's own choice between code channels ("let them
//     choose between an SMS code or an email code", "whichever they prefer"):
//     a conversation that waits for the answer, one list outcome per option
//     (the first on the main path, the others beside it, rejoining after it),
//     read back by Edit so that later changes keep it.
//   - layout.go and prompts.go: FaceSign's patterns (a greeting first, a
//     liveness check after recognition, a conversation after liveness, a
//     failure message) and the sentences the avatar says.
//   - edit.go and edit_ops.go: a flow read back into steps (branches too), a
//     change applied (add, remove, replace, move, swap, change settings, put on
//     a branch), laid out again keeping the nodes it did not touch.
//
// Judgement calls (a code's channel from the step before it, 1:N rather than
// 1:1, where a conditional step went, words no rule could place) are written to
// the result's Assumptions, so that nothing the text said vanishes silently.
package flowbuild

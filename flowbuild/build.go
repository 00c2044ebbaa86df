package flowbuild

import "errors"

// PLACEHOLDER: the language helper replaces this file; the signatures are the contract.

// Question is something the description left open.
type Question struct {
	ID      string   `json:"id"`
	Text    string   `json:"text"`
	Options []string `json:"options,omitempty"`
}

// Options are answers to questions, passed back by the caller (for example from MCP elicitation).
type Options struct {
	AvatarID  string
	Langs     []string
	OnFailure string
}

// Result is what Build and Edit return.
type Result struct {
	Flow        Flow       `json:"flow"`
	Summary     string     `json:"summary"`
	Warnings    []Problem  `json:"warnings"`
	Questions   []Question `json:"questions"`
	Assumptions []string   `json:"assumptions"`
}

// Build makes a flow from a plain-English description.
func Build(description string, opts Options) (Result, error) {
	return Result{}, errors.New("not built yet")
}

// Edit applies a described change to f.
func Edit(f Flow, change string, opts Options) (Result, error) {
	return Result{}, errors.New("not built yet")
}

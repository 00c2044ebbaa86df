package flow

// Severity says whether a problem makes a flow unusable.
type Severity string

const (
	// SeverityError: FaceSign refuses the flow.
	SeverityError Severity = "error"
	// SeverityWarning: FaceSign accepts it, but it goes against FaceSign's recommended patterns.
	SeverityWarning Severity = "warning"
)

// Problem is one finding of Validate. Code is stable (tools and tests key on it),
// Path is a JSON pointer into the flow ("/3/outcomes/noFace"), Fix says concretely
// what to change.
type Problem struct {
	Severity Severity `json:"severity" jsonschema:"enum=error,enum=warning" jsonschema_description:"error: FaceSign refuses the flow; warning: accepted, but against FaceSign's recommended patterns."`
	Code     string   `json:"code" jsonschema_description:"Stable machine-readable code of the rule."`
	Path     string   `json:"path" jsonschema_description:"JSON pointer into the flow, e.g. /3/outcomes/noFace."`
	Message  string   `json:"message" jsonschema_description:"What is wrong."`
	Fix      string   `json:"fix" jsonschema_description:"What to change to fix it."`
}

func (p Problem) String() string {
	s := string(p.Severity) + " " + p.Code
	if p.Path != "" {
		s += " at " + p.Path
	}
	return s + ": " + p.Message
}

// HasErrors reports whether any problem is an error.
func HasErrors(problems []Problem) bool {
	for _, p := range problems {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns only the errors among problems.
func Errors(problems []Problem) []Problem { return filter(problems, SeverityError) }

// Warnings returns only the warnings among problems.
func Warnings(problems []Problem) []Problem { return filter(problems, SeverityWarning) }

func filter(problems []Problem, s Severity) []Problem {
	var out []Problem
	for _, p := range problems {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

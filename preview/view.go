package preview

import (
	"context"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
)

// pageData is everything the page shows; it holds no key and no client.
type pageData struct {
	Nonce, Token, ID, Base string
	Sandbox                bool
	Env, Key               string
	CreatedAt, ExpiresAt   time.Time
	Settings               [][2]string
	SVG                    string
	DiagramErr             string
	Nodes                  int
	History                []sessionEntry
	Branches               []Branch
	Truncated              bool
	PollMS                 int
	Account                *account
}

func (s *Server) pageData(ctx context.Context, p *Preview) pageData {
	d := pageData{
		Nonce: nonceOf(ctx), Token: p.token, ID: p.ID, Base: "/preview/" + p.ID,
		CreatedAt: p.CreatedAt, ExpiresAt: p.ExpiresAt,
		Nodes: len(p.spec.Flow), History: p.history(), Branches: p.coverage(),
		Truncated: p.paths.Truncated, PollMS: int(s.cfg.PollInterval / time.Millisecond),
	}
	if c := p.Client(); c != nil {
		d.Sandbox = c.Environment() == facesign.EnvSandbox
		d.Env = string(c.Environment())
		d.Key = c.RedactedKey()
	}
	d.Settings = settingsRows(p.spec)
	d.Account = loadAccount(ctx, p.Client())
	svg, err := s.cfg.Diagrams.SVG(ctx, p.spec.Flow)
	if err != nil {
		d.DiagramErr = "The diagram could not be drawn: " + err.Error()
	} else {
		d.SVG = string(svg)
	}
	return d
}

func settingsRows(st facesign.Settings) [][2]string {
	var rows [][2]string
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, [2]string{k, v})
		}
	}
	add("Avatar", st.AvatarID)
	add("Languages", strings.Join(st.Langs, ", "))
	add("Default language", st.DefaultLang)
	add("Zone", st.Zone)
	add("Client reference", st.ClientReferenceID)
	for k, v := range st.Metadata {
		add("Metadata "+k, v)
	}
	if st.Customization != nil && st.Customization.Branding != nil {
		add("Primary colour", st.Customization.Branding.PrimaryColor)
	}
	if len(rows) == 0 {
		rows = append(rows, [2]string{"Settings", "the API's defaults (avatar, language, zone)"})
	}
	return rows
}

func (d pageData) taken() int {
	n := 0
	for _, b := range d.Branches {
		if b.Taken {
			n++
		}
	}
	return n
}

func shortTime(t time.Time) string { return t.UTC().Format("15:04:05 UTC") }

func dayTime(t time.Time) string { return t.UTC().Format("Jan 2 15:04 UTC") }

func verdictOfEntry(e sessionEntry) string {
	if e.Summary != nil {
		return e.Summary.Verdict
	}
	switch e.Status {
	case facesign.StatusProcessing:
		return facesign.VerdictInProgress
	case facesign.StatusCanceled:
		return facesign.VerdictCanceled
	}
	return facesign.VerdictPending
}

// verdictLabel is a verdict as people read it ("not verified"); the
// verdict itself stays in class names and the JSON the scripts read.
func verdictLabel(v string) string { return strings.ReplaceAll(v, "_", " ") }

func pathText(e sessionEntry) string {
	if e.Summary == nil {
		return ""
	}
	var parts []string
	for _, s := range e.Summary.Path {
		parts = append(parts, s.NodeID)
	}
	return strings.Join(parts, " → ")
}

// problemData is an error page.
type problemData struct{ Nonce, Title, What, Todo string }

func timeOf(t facesign.Time) string {
	if t.IsZero() {
		return ""
	}
	return shortTime(t.Time)
}

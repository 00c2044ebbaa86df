package tools

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
)

// ToolReference renders the tool reference of the README from the tool
// definitions themselves (name, title, description, inputs, annotations), so
// the documentation cannot drift from what tools/list publishes.
func ToolReference(tools []mcp.Tool) string {
	var b strings.Builder
	b.WriteString("| tool | what it does | read-only | destructive | idempotent | open world |\n|---|---|---|---|---|---|\n")
	for _, t := range tools {
		a := t.Annotations
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s | %s |\n", t.Name, t.Name, t.Title,
			yesNo(a.ReadOnlyHint), yesNo(a.DestructiveHint), yesNo(a.IdempotentHint), yesNo(a.OpenWorldHint))
	}
	for _, t := range tools {
		fmt.Fprintf(&b, "\n### `%s`\n\n**%s.** %s\n", t.Name, t.Title, strings.TrimSpace(t.Description))
		in := publishedInput(t)
		names := make([]string, 0, len(in.Properties))
		for name := range in.Properties {
			names = append(names, name)
		}
		// Required first, then alphabetical: what the caller must send leads.
		slices.SortFunc(names, func(x, y string) int {
			rx, ry := slices.Contains(in.Required, x), slices.Contains(in.Required, y)
			if rx != ry {
				if rx {
					return -1
				}
				return 1
			}
			return strings.Compare(x, y)
		})
		if len(names) == 0 {
			b.WriteString("\nNo inputs.\n")
			continue
		}
		b.WriteString("\n| input | type | required | description |\n|---|---|---|---|\n")
		for _, name := range names {
			p, _ := in.Properties[name].(map[string]any)
			req := "no"
			if slices.Contains(in.Required, name) {
				req = "yes"
			}
			desc, _ := p["description"].(string)
			if lim := limits(p); lim != "" {
				desc += " (" + lim + ")"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", name, typeName(p), req, escapeCell(desc))
		}
	}
	return b.String()
}

func yesNo(p *bool) string {
	switch {
	case p == nil:
		return "unset"
	case *p:
		return "yes"
	}
	return "no"
}

func typeName(p map[string]any) string {
	if alts, ok := p["anyOf"].([]any); ok {
		names := make([]string, 0, len(alts))
		for _, a := range alts {
			if am, ok := a.(map[string]any); ok {
				names = append(names, typeName(am))
			}
		}
		return strings.Join(names, " or ")
	}
	t, _ := p["type"].(string)
	if t == "array" {
		if items, ok := p["items"].(map[string]any); ok {
			if it, ok := items["type"].(string); ok {
				return "array of " + it
			}
		}
	}
	if t == "" {
		return "any"
	}
	return t
}

// limits lists the schema's constraints in words.
func limits(p map[string]any) string {
	if alts, ok := p["anyOf"].([]any); ok && len(alts) > 0 {
		if first, ok := alts[0].(map[string]any); ok {
			return limits(first) // a list-or-one: the list's limits say it all
		}
	}
	var parts []string
	if e := toStrings(p["enum"]); len(e) > 0 {
		parts = append(parts, "one of "+codeList(e))
	}
	if items, ok := p["items"].(map[string]any); ok {
		if e := toStrings(items["enum"]); len(e) > 0 {
			parts = append(parts, "each one of "+codeList(e))
		}
	}
	for _, k := range []struct{ key, words string }{
		{"minLength", "at least %s characters"}, {"maxLength", "at most %s characters"},
		{"minimum", "at least %s"}, {"maximum", "at most %s"},
		{"maxItems", "at most %s items"}, {"maxProperties", "at most %s entries"},
	} {
		if v, ok := numKeyword(p, k.key); ok {
			if k.key == "minLength" && v == 1 {
				parts = append(parts, "not empty")
				continue
			}
			parts = append(parts, fmt.Sprintf(k.words, fmtNum(v)))
		}
	}
	return strings.Join(parts, "; ")
}

func escapeCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// numKeyword reads a numeric schema keyword, as decoded JSON or Go numbers.
func numKeyword(schema map[string]any, key string) (float64, bool) {
	switch x := schema[key].(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// publishedInput is a tool's input schema as tools/list publishes it, whether
// the tool was built from options or from a raw schema.
func publishedInput(t mcp.Tool) (in struct {
	Properties map[string]any `json:"properties"`
	Required   []string       `json:"required"`
}) {
	raw := []byte(t.RawInputSchema)
	if len(raw) == 0 {
		raw, _ = json.Marshal(t.InputSchema)
	}
	_ = json.Unmarshal(raw, &in)
	return in
}

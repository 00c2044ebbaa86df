package tools

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
)

// SessionSettings are the avatar and languages the sessions of the current
// flow run with: as the description or the answers named them, and the
// FaceSign ids those names resolved to against the account of the key in
// use. The tools apply the ids to every session they create.
type SessionSettings struct {
	// AvatarID and Langs are the API's ids, set once resolved.
	AvatarID string   `json:"avatarId,omitempty" jsonschema_description:"Matched avatar id."`
	Langs    []string `json:"langs,omitempty" jsonschema_description:"Matched language ids."`
	// Named are the names the text gave ("Sofia", "es").
	NamedAvatar string   `json:"namedAvatar,omitempty" jsonschema_description:"The avatar as named."`
	NamedLangs  []string `json:"namedLangs,omitempty" jsonschema_description:"The languages as named."`
	// Resolved says the names were matched to the account's ids.
	Resolved bool `json:"resolved" jsonschema_description:"Whether the names were matched to the account's ids."`
}

func (s SessionSettings) empty() bool {
	return s.NamedAvatar == "" && len(s.NamedLangs) == 0
}

// namedSettings are the builder's settings, as named and not yet resolved.
func namedSettings(b flowbuild.SessionSettings) SessionSettings {
	return SessionSettings{NamedAvatar: b.AvatarID, NamedLangs: slices.Clone(b.Langs), Resolved: b.AvatarID == "" && len(b.Langs) == 0}
}

// resolveSettings matches the named avatar and languages to the account's
// avatars and languages (by id, then by name, then by a name or id that
// begins with what was named: "Sofia" finds "Sofia Garcia", "es" finds
// "es-MX"). A name that matches nothing or more than one is left out of the
// ids and comes back as a question listing the candidates, for the user to
// choose: nothing is guessed.
func resolveSettings(s SessionSettings, avatars []facesign.Avatar, langs []facesign.Lang) (SessionSettings, []flowbuild.Question) {
	out := SessionSettings{NamedAvatar: s.NamedAvatar, NamedLangs: slices.Clone(s.NamedLangs), Resolved: true}
	var qs []flowbuild.Question
	if s.NamedAvatar != "" {
		cands := matchAvatar(s.NamedAvatar, avatars)
		if len(cands) == 1 {
			out.AvatarID = cands[0].ID
		} else {
			verb := "matches more than one avatar"
			if len(cands) == 0 {
				cands, verb = avatars, "is not one of this account's avatars"
			}
			opts := make([]string, len(cands))
			names := make([]string, len(cands))
			for i, a := range cands {
				opts[i], names[i] = a.ID, fmt.Sprintf("%s (%s)", a.Name, a.ID)
			}
			qs = append(qs, flowbuild.Question{ID: "avatar", Options: opts,
				Text: fmt.Sprintf("Which avatar did you mean? %q %s: %s. Until you choose (build_flow with avatar), sessions use FaceSign's default avatar.", s.NamedAvatar, verb, strings.Join(names, ", "))})
		}
	}
	for _, named := range s.NamedLangs {
		cands := matchLang(named, langs)
		if len(cands) == 1 {
			if !slices.Contains(out.Langs, cands[0].ID) {
				out.Langs = append(out.Langs, cands[0].ID)
			}
			continue
		}
		verb := "matches more than one of this account's languages"
		if len(cands) == 0 {
			cands, verb = langs, "is not one of this account's languages"
		}
		opts := make([]string, len(cands))
		names := make([]string, len(cands))
		for i, l := range cands {
			opts[i], names[i] = l.ID, fmt.Sprintf("%s (%s)", l.Title, l.ID)
		}
		qs = append(qs, flowbuild.Question{ID: "langs", Options: opts,
			Text: fmt.Sprintf("Which language did you mean by %q? It %s: %s. Until you choose (build_flow with langs), it is left out.", named, verb, strings.Join(names, ", "))})
	}
	return out, qs
}

// matchAvatar returns the avatars named: the one whose id is name, else
// those whose name is name, else those whose name begins with it as a word.
func matchAvatar(name string, avatars []facesign.Avatar) []facesign.Avatar {
	name = strings.TrimSpace(name)
	for _, a := range avatars {
		if strings.EqualFold(a.ID, name) {
			return []facesign.Avatar{a}
		}
	}
	var exact, prefix []facesign.Avatar
	for _, a := range avatars {
		switch {
		case strings.EqualFold(a.Name, name):
			exact = append(exact, a)
		case len(a.Name) > len(name) && strings.EqualFold(a.Name[:len(name)], name) && a.Name[len(name)] == ' ':
			prefix = append(prefix, a)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return prefix
}

// matchLang returns the languages named: the one whose id is name, else
// those whose title is name, else those whose id is name with a region
// (es → es-MX) or whose title begins with it.
func matchLang(name string, langs []facesign.Lang) []facesign.Lang {
	name = strings.TrimSpace(name)
	for _, l := range langs {
		if strings.EqualFold(l.ID, name) {
			return []facesign.Lang{l}
		}
	}
	var exact, prefix []facesign.Lang
	for _, l := range langs {
		switch {
		case strings.EqualFold(l.Title, name):
			exact = append(exact, l)
		case len(l.ID) > len(name) && strings.EqualFold(l.ID[:len(name)], name) && (l.ID[len(name)] == '-' || l.ID[len(name)] == '_'),
			len(l.Title) > len(name) && strings.EqualFold(l.Title[:len(name)], name) && l.Title[len(name)] == ' ':
			prefix = append(prefix, l)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return prefix
}

// resolveForSession resolves s against the account of the session's key
// when it has not been yet. ok is false when there is no key to resolve
// with (s comes back as it was).
func (d *Deps) resolveForSession(ctx context.Context, s SessionSettings) (SessionSettings, []flowbuild.Question, bool) {
	if s.Resolved || s.empty() {
		return s, nil, true
	}
	client, _, err := d.Client(ctx)
	if err != nil {
		return s, nil, false
	}
	avatars, langs, err := proveKey(ctx, client)
	if err != nil {
		return s, nil, false
	}
	r, qs := resolveSettings(s, avatars, langs)
	return r, qs, true
}

// apply puts the resolved ids on the settings of a session to create.
func (s SessionSettings) apply(fs *facesign.Settings) {
	if s.AvatarID != "" {
		fs.AvatarID = s.AvatarID
	}
	if len(s.Langs) > 0 {
		fs.Langs = slices.Clone(s.Langs)
		if fs.DefaultLang == "" || !slices.Contains(fs.Langs, fs.DefaultLang) {
			fs.DefaultLang = fs.Langs[0] // the first named is the one to start in
		}
	}
}

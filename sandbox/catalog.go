package sandbox

import (
	"encoding/base64"
	"net/http"

	"github.com/facesign/facesign-mcp/facesign"
)

// The sandbox's avatars and languages: a fixed, realistic set so that flows and
// settings written against it carry over to production unchanged in shape.
var avatars = []facesign.Avatar{
	{ID: "avatar_anna", Name: "Anna", Gender: "female", ImageURL: avatarImage("A", "#7c3aed")},
	{ID: "avatar_james", Name: "James", Gender: "male", ImageURL: avatarImage("J", "#0e7490")},
	{ID: "avatar_sofia", Name: "Sofia", Gender: "female", ImageURL: avatarImage("S", "#be185d")},
	{ID: "avatar_kenji", Name: "Kenji", Gender: "male", ImageURL: avatarImage("K", "#15803d")},
}

// avatarImage is a self-contained portrait placeholder (a data: URL), so that the
// sandbox's avatars render offline without serving image files.
func avatarImage(initial, color string) string {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><circle cx="48" cy="48" r="48" fill="` + color +
		`"/><text x="48" y="62" font-size="44" text-anchor="middle" fill="#fff" font-family="sans-serif">` + initial + `</text></svg>`
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg))
}

var langs = []facesign.Lang{
	{ID: "en", Title: "English"}, {ID: "es", Title: "Spanish"}, {ID: "fr", Title: "French"},
	{ID: "de", Title: "German"}, {ID: "it", Title: "Italian"}, {ID: "pt", Title: "Portuguese"},
	{ID: "nl", Title: "Dutch"}, {ID: "pl", Title: "Polish"}, {ID: "ja", Title: "Japanese"},
	{ID: "zh", Title: "Chinese"}, {ID: "ar", Title: "Arabic"}, {ID: "hi", Title: "Hindi"},
}

func knownAvatar(id string) bool {
	for _, a := range avatars {
		if a.ID == id {
			return true
		}
	}
	return false
}

func knownLang(id string) bool {
	for _, l := range langs {
		if l.ID == id {
			return true
		}
	}
	return false
}

func (s *Sandbox) listAvatars(w http.ResponseWriter, r *http.Request, _ account) (int, any, error) {
	return http.StatusOK, avatars, nil
}

func (s *Sandbox) listLangs(w http.ResponseWriter, r *http.Request, _ account) (int, any, error) {
	return http.StatusOK, langs, nil
}

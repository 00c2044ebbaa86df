package hosted

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"

	"github.com/facesign/facesign-mcp/facesign"
)

// assetVersion is a hash of the embedded static files: asset URLs carry it,
// so a browser's cached copy never outlives the build that served it.
var assetVersion = func() string {
	h := sha256.New()
	_ = fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}()

func asset(name string) string { return "/verify/static/" + name + "?v=" + assetVersion }

func avatarName(v View) string {
	if v.Avatar.Name != "" {
		return v.Avatar.Name
	}
	return "Your assistant"
}

func statusText(v View) string {
	switch v.Status {
	case facesign.StatusRequiresInput:
		return "Not started"
	case facesign.StatusProcessing:
		return "In progress"
	case facesign.StatusComplete:
		return "Finished"
	case facesign.StatusCanceled:
		return "Canceled"
	}
	return string(v.Status)
}

// firstCaption is what the caption shows before the script runs.
func firstCaption(v View) string {
	switch {
	case v.Status == facesign.StatusCanceled:
		return "Goodbye."
	case v.Finished() && v.FinalPhrase != "":
		return v.FinalPhrase
	case v.Finished():
		return "Thank you, you're all done."
	case v.Status == facesign.StatusRequiresInput && v.InitialPhrase != "":
		return v.InitialPhrase
	case v.Status == facesign.StatusRequiresInput:
		return "Hi, I'm " + avatarName(v) + ". I'll guide you through a short identity check."
	}
	return v.Pending.Avatar
}

// finishedText is the finished screen's status line.
func finishedText(v View) string {
	if v.Status == facesign.StatusCanceled {
		return "This verification was canceled. You can close this page."
	}
	return "Verification finished. You can close this page."
}

func faceLabel(f FaceChoice) string {
	switch {
	case f.Name != "" && f.Email != "":
		return f.Name + " <" + f.Email + ">"
	case f.Name != "":
		return f.Name
	case f.Email != "":
		return f.Email
	}
	return f.ID
}

type docField struct{ key, label, placeholder string }

// documentFields are the document fields the controls can set (inputs.document).
var documentFields = []docField{
	{"firstName", "First name", "Alex"},
	{"lastName", "Last name", "Morgan"},
	{"dateOfBirth", "Date of birth", "1990-04-12"},
	{"documentNumber", "Document number", "X1234567"},
	{"documentType", "Document type", "passport"},
	{"country", "Country", "USA"},
	{"expirationDate", "Expiration date", "YYYY-MM-DD"},
}

package tools

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/internal/intentcheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each recipe, built from its own description with its defaults and with every
// suggested value of each argument, gives the steps the recipe promises, and
// every sentence the avatar says reads well and is about this flow (intentcheck's
// prose checks: no "the user the user", no closing that waits for a reply, no
// withdrawal in a flow without one).
func TestRecipesBuildFromTheirDescriptions(t *testing.T) {
	want := map[string]func(a map[string]string) []string{
		"wire-transfer-step-up": func(a map[string]string) []string { return []string{"liveness_detection", otp(a["channel"])} },
		"account-recovery": func(a map[string]string) []string {
			s := []string{"recognition", "liveness_detection"}
			if a["document"] != "none" {
				s = append(s, "document_scan")
			}
			return append(s, otp(a["channel"]))
		},
		"kyc-onboarding": func(map[string]string) []string {
			return []string{"document_scan", "liveness_detection", "face_compare", "data_validation"}
		},
		"face-enrollment": func(a map[string]string) []string {
			if a["collectEmail"] == "no" {
				return []string{"liveness_detection", "face_scan"}
			}
			return []string{"enter_email", "liveness_detection", "face_scan"}
		},
		"login-2fa": func(a map[string]string) []string {
			return []string{"recognition", "liveness_detection", otp(a["channel"])}
		},
		"device-recovery": func(a map[string]string) []string {
			return []string{"recognition", "liveness_detection", "document_scan", otp(a["channel"])}
		},
	}
	for _, r := range recipes {
		variants := []map[string]string{r.defaults()}
		for _, a := range r.Args {
			for _, s := range a.Suggestions {
				v := r.defaults()
				v[a.Name] = s
				variants = append(variants, v)
			}
		}
		for _, args := range variants {
			desc := r.Describe(args)
			t.Run(r.Slug+"/"+desc, func(t *testing.T) {
				res, err := flowbuild.Build(desc, flowbuild.Options{})
				require.NoError(t, err)
				b, err := json.Marshal(res)
				require.NoError(t, err)
				var out intentcheck.Output
				require.NoError(t, json.Unmarshal(b, &out))
				c := intentcheck.Case{ID: r.Slug, Description: desc, Steps: want[r.Slug](args)}
				assert.Empty(t, intentcheck.Judge(c, out))
				if r.Slug == "kyc-onboarding" {
					age := strings.TrimSpace(args["minimumAge"])
					assert.True(t, slices.ContainsFunc(out.Flow, func(n map[string]any) bool {
						v, _ := n["validation"].(map[string]any)
						return v != nil && v["value"] == age
					}), "the age check requires %s", age)
				}
			})
		}
	}
}

func otp(channel string) string {
	if strings.EqualFold(channel, "sms") {
		return "two_factor_sms"
	}
	return "two_factor_email"
}

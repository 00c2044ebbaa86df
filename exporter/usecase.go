package exporter

import (
	"fmt"
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// UseCase is one of the six recipes an app can be exported for.
type UseCase string

// The six use cases, named as the recipes are (facesign://recipes/<name>).
const (
	WireTransferStepUp UseCase = "wire-transfer-step-up"
	AccountRecovery    UseCase = "account-recovery"
	KYCOnboarding      UseCase = "kyc-onboarding"
	FaceEnrollment     UseCase = "face-enrollment"
	Login2FA           UseCase = "login-2fa"
	DeviceRecovery     UseCase = "device-recovery"
)

// UseCases lists them in the recipes' order.
func UseCases() []UseCase {
	return []UseCase{WireTransferStepUp, AccountRecovery, KYCOnboarding, FaceEnrollment, Login2FA, DeviceRecovery}
}

// Title is the use case in words.
func (u UseCase) Title() string {
	switch u {
	case WireTransferStepUp:
		return "wire-transfer step-up"
	case AccountRecovery:
		return "account recovery"
	case KYCOnboarding:
		return "KYC onboarding"
	case FaceEnrollment:
		return "face enrollment"
	case Login2FA:
		return "login second factor"
	case DeviceRecovery:
		return "device recovery"
	}
	return string(u)
}

// ParseUseCase accepts a use case's name in any of the spellings the recipes
// use (wire-transfer-step-up, wire_transfer_step_up, "wire transfer step-up").
func ParseUseCase(s string) (UseCase, error) {
	norm := strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
	norm = strings.ReplaceAll(norm, "--", "-")
	if norm == "kyc" {
		norm = string(KYCOnboarding)
	}
	if slices.Contains(UseCases(), UseCase(norm)) {
		return UseCase(norm), nil
	}
	return "", fmt.Errorf("%w: %q; choose one of %s", ErrUnknownUseCase, s, useCaseList())
}

func useCaseList() string {
	names := make([]string, 0, 6)
	for _, u := range UseCases() {
		names = append(names, string(u))
	}
	return strings.Join(names, ", ")
}

// GuessUseCase reads a description or recipe name and returns the use case it
// clearly names; ok is false when it names none or several (two flows of the
// same shape can serve different purposes, so the caller must then ask).
func GuessUseCase(text string) (UseCase, bool) {
	t := strings.ToLower(text)
	if u, err := ParseUseCase(t); err == nil {
		return u, true
	}
	keys := map[UseCase][]string{
		WireTransferStepUp: {"wire", "transfer", "payment", "step-up", "step up", "stepup", "transaction"},
		AccountRecovery:    {"account recovery", "recover my account", "recover the account", "recover access", "regain access", "locked out", "forgot", "can't access", "cannot access"},
		KYCOnboarding:      {"kyc", "onboard", "know your customer", "open an account", "opening an account", "new customer"},
		FaceEnrollment:     {"enrol", "enroll", "register a face", "register their face", "register your face"},
		Login2FA:           {"login", "log in", "log-in", "sign in", "sign-in", "signin", "2fa", "second factor", "two-factor", "two factor"},
		DeviceRecovery:     {"lost phone", "lost my phone", "lost their phone", "new phone", "new device", "device recovery", "lost device", "stolen phone"},
	}
	var found []UseCase
	for _, u := range UseCases() {
		if slices.ContainsFunc(keys[u], func(k string) bool { return strings.Contains(t, k) }) {
			found = append(found, u)
		}
	}
	// "recover" with a device named is device recovery, not account recovery.
	if slices.Contains(found, DeviceRecovery) {
		found = slices.DeleteFunc(found, func(u UseCase) bool { return u == AccountRecovery || u == Login2FA })
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// rules mirror templates/usecases/<name>/internal/decision/usecase.go: the
// exporter computes with them the decision each path of the flow must get, and
// the exported app's tests check its own Go against that. A test keeps the two
// in step.
type rules struct {
	checks  map[flow.NodeType][]string
	require [][]flow.NodeType
}

func defaultChecks() map[flow.NodeType][]string {
	return map[flow.NodeType][]string{
		flow.TypePermissions:    {"permissionsGranted"},
		flow.TypeLiveness:       {"livenessDetected"},
		flow.TypeFaceScan:       {"passed"},
		flow.TypeFaceCompare:    {"match"},
		flow.TypeRecognition:    {"recognized"},
		flow.TypeDocumentScan:   {"scanSuccess"},
		flow.TypeEnterEmail:     {"emailEntered"},
		flow.TypeTwoFactorEmail: {"verified"},
		flow.TypeTwoFactorSMS:   {"verified"},
	}
}

func (u UseCase) rules() rules {
	face := []flow.NodeType{flow.TypeRecognition, flow.TypeFaceCompare, flow.TypeFaceScan}
	live := []flow.NodeType{flow.TypeLiveness, flow.TypeFaceScan}
	r := rules{checks: defaultChecks()}
	switch u {
	case WireTransferStepUp:
		r.require = [][]flow.NodeType{{flow.TypeLiveness, flow.TypeFaceScan, flow.TypeRecognition, flow.TypeFaceCompare, flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS}}
	case AccountRecovery, DeviceRecovery:
		r.require = [][]flow.NodeType{face, live}
	case KYCOnboarding:
		r.require = [][]flow.NodeType{{flow.TypeDocumentScan}, live}
	case FaceEnrollment:
		r.checks[flow.TypeRecognition] = []string{"recognized", "newUser"}
		r.require = [][]flow.NodeType{live}
	case Login2FA:
		r.require = [][]flow.NodeType{{flow.TypeRecognition, flow.TypeFaceScan, flow.TypeFaceCompare, flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS}}
	}
	return r
}

// expect is the decision the rules give a complete session that took path.
func (r rules) expect(path []flow.PathStep) Expect {
	passed := map[flow.NodeType]bool{}
	for _, st := range path {
		pass, checked := r.checks[st.Type]
		if !checked || st.Outcome == "" {
			continue
		}
		if !slices.Contains(pass, st.Outcome) {
			return Expect{Approved: false, FailedNode: st.NodeID}
		}
		passed[st.Type] = true
	}
	for _, group := range r.require {
		if !slices.ContainsFunc(group, func(t flow.NodeType) bool { return passed[t] }) {
			return Expect{Approved: false}
		}
	}
	return Expect{Approved: true}
}

// missing names the required checks a flow has no node for at all: every
// session of such a flow is denied.
func (r rules) missing(f flow.Flow) []string {
	has := map[flow.NodeType]bool{}
	for _, n := range f {
		has[n.Type] = true
	}
	var out []string
	for _, group := range r.require {
		if !slices.ContainsFunc(group, func(t flow.NodeType) bool { return has[t] }) {
			names := make([]string, len(group))
			for i, t := range group {
				names[i] = string(t)
			}
			out = append(out, strings.Join(names, " or "))
		}
	}
	return out
}

package runner

import (
	"context"
	"strings"
	"sync"

	"github.com/facesign/facesign-mcp/facesign"
)

// Empty reports whether the probe identifies nobody.
func (p Probe) Empty() bool { return p.Face == "" && p.Email == "" && p.Phone == "" && p.Name == "" }

// Best returns the face of faces that the probe identifies, or nil. The rule,
// which every Faces implementation should follow: when Face is set it alone
// decides (a face id, or an email, phone or name standing for the person on
// camera); otherwise email, then phone, then name, each compared without case
// (phones by digits). Among equals the last face wins, the most recent enrolment
// when faces are in enrolment order.
func (p Probe) Best(faces []facesign.Face) *facesign.Face {
	if p.Empty() {
		return nil
	}
	var rules []func(facesign.Face) bool
	if p.Face != "" {
		rules = append(rules, func(f facesign.Face) bool { return f.ID == p.Face }, func(f facesign.Face) bool {
			return sameText(f.Email, p.Face) || samePhone(f.Phone, p.Face) || sameText(f.Name, p.Face)
		})
	} else {
		if p.Email != "" {
			rules = append(rules, func(f facesign.Face) bool { return sameText(f.Email, p.Email) })
		}
		if p.Phone != "" {
			rules = append(rules, func(f facesign.Face) bool { return samePhone(f.Phone, p.Phone) })
		}
		if p.Name != "" {
			rules = append(rules, func(f facesign.Face) bool { return sameText(f.Name, p.Name) })
		}
	}
	for _, rule := range rules {
		for i := len(faces) - 1; i >= 0; i-- {
			if rule(faces[i]) {
				f := faces[i]
				return &f
			}
		}
	}
	return nil
}

func sameText(a, b string) bool { return a != "" && b != "" && fold(a) == fold(b) }

func samePhone(a, b string) bool {
	da, db := digitsOf(a), digitsOf(b)
	return len(da) >= 7 && da == db && phoneish.MatchString(strings.TrimSpace(b))
}

// MemoryFaces is an in-memory Faces for tests and tools: faces in enrolment order.
type MemoryFaces struct {
	mu    sync.Mutex
	faces []facesign.Face
}

// Match implements Faces with Probe.Best.
func (m *MemoryFaces) Match(_ context.Context, p Probe) (*facesign.Face, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return p.Best(m.faces), nil
}

// Enroll adds faces, as a store does with Effects.Enrolled.
func (m *MemoryFaces) Enroll(faces ...facesign.Face) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.faces = append(m.faces, faces...)
}

// List returns the enrolled faces in enrolment order.
func (m *MemoryFaces) List() []facesign.Face {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]facesign.Face(nil), m.faces...)
}

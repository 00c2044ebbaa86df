package flowbuild

import (
	"os"
	"testing"
)

func TestZZEdit(t *testing.T) {
	base, _ := Build(os.Getenv("BASE"), Options{})
	ts := tokenize(os.Getenv("DBGE"))
	for _, c := range splitClauses(ts) {
		a := analyze(c.toks, nil)
		t.Logf("clause front=%v back=%v steps=%d", a.front, a.back, len(a.steps))
	}
	res, err := Edit(base.Flow, os.Getenv("DBGE"), Options{})
	t.Logf("err=%v summary=%s", err, res.Summary)
}

package flowbuild

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	for _, text := range strings.Split(os.Getenv("DBG"), "||") {
		if text == "" {
			continue
		}
		pr := parse(text)
		for _, c := range splitClauses(tokenize(text)) {
			var w []string
			for _, tk := range c.toks {
				w = append(w, tk.raw+"/"+tk.w)
			}
			t.Logf("clause %d: %v  cond=%v", c.sent, w, readCondition(c.toks, nil).k)
		}
		for _, s := range pr.steps {
			t.Logf("step %v branch=%d fb=%d", s.k, len(s.branch), len(s.fallback))
		}
		res, err := Build(text, Options{})
		b, _ := json.Marshal(res.Assumptions)
		t.Logf("err=%v assumptions=%s", err, b)
	}
}

func TestZZEdit(t *testing.T) {
	base, _ := Build("Recognize the user and check liveness.", Options{})
	res, err := Edit(base.Flow, os.Getenv("DBGE"), Options{})
	b, _ := json.MarshalIndent(res.Flow[:3], "", " ")
	t.Logf("err=%v summary=%s\n%s", err, res.Summary, b)
}

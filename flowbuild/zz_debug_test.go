package flowbuild

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	text := os.Getenv("ZZ")
	if text == "" {
		t.Skip()
	}
	ts := tokenize(text)
	var prior []token
	for _, c := range splitClauses(ts) {
		a := analyzeAfter(c.toks, nil, prior, false)
		prior = c.toks
		fmt.Printf("%q:", clauseText(c.toks))
		for _, s := range a.steps {
			fmt.Printf(" %v(field=%q check=%+v)", s.k, s.field, s.check)
		}
		fmt.Printf(" neg=%v front=%v ref=%d\n", a.neg, a.front, len(a.ref))
	}
}

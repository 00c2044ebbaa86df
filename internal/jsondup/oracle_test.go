package jsondup

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// oracle is First written the slow, obvious way, on encoding/json's tokens:
// the fuzz test holds the byte scan to it on every valid document.
func oracle(data []byte) (string, bool) {
	type fr struct {
		obj       bool
		keys      map[string]bool
		key       string
		idx       int
		expectKey bool
	}
	var stack []*fr
	start := func() {
		if n := len(stack); n > 0 && !stack[n-1].obj {
			stack[n-1].idx++
		}
	}
	end := func() {
		if n := len(stack); n > 0 && stack[n-1].obj {
			stack[n-1].expectKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				start()
				stack = append(stack, &fr{obj: d == '{', keys: map[string]bool{}, idx: -1, expectKey: d == '{'})
			} else {
				stack = stack[:len(stack)-1]
				end()
			}
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].expectKey {
			top, key := stack[n-1], tok.(string)
			if top.keys[key] {
				var b strings.Builder
				for _, f := range stack[:n-1] {
					b.WriteByte('/')
					if f.obj {
						b.WriteString(escape(f.key))
					} else {
						b.WriteString(strconv.Itoa(f.idx))
					}
				}
				return b.String() + "/" + escape(key), true
			}
			top.keys[key], top.key, top.expectKey = true, key, false
			continue
		}
		start()
		end()
	}
}

func FuzzFirst(f *testing.F) {
	for _, seed := range []string{
		`{"flow":[],"flow":[{"id":"x"}]}`, `{"a":{"k":1},"b":{"k":1}}`, `[1,{"a":1},{"b":{"c":1,"c":2}}]`,
		`{"a":1,"\u0061":2}`, `{"s":"}{\",\"s\":","s":1}`, `{"x":[true,null,-1.5e3,{"k":1,"k":1}]}`,
		`{"a/b":{"x~":1,"x~":2}}`, `"just a string"`, `{"\\":1,"\\":2}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, found := First(data)
		if !json.Valid(data) {
			return // anything goes: the caller's decoder refuses it
		}
		want, wantFound := oracle(data)
		if got != want || found != wantFound {
			t.Fatalf("First(%q) = %q, %v; want %q, %v", data, got, found, want, wantFound)
		}
	})
}

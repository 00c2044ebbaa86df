// Package jsondup finds a key repeated within one JSON object. encoding/json
// keeps the last of two equal keys without a word, so {"flow":[],"flow":[…]}
// means whatever the last one says, while a reviewer, a log or another parser
// may read the first: a body or an argument with a repeated key is refused
// instead of guessed at.
package jsondup

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// First returns the JSON pointer of the first key that repeats a key of the
// same object (for example "/flow", "/flow/2/id"), and true; or "", false
// when there is none. It reads only as far as the first repeat: JSON that
// is invalid before it reports nothing (the caller's decoder says what is
// wrong), after it the repeat.
func First(data []byte) (pointer string, found bool) {
	// Cheap way out for the usual small body with no object at all.
	if bytes.IndexByte(data, '{') < 0 {
		return "", false
	}
	type frame struct {
		obj       bool
		keys      map[string]struct{}
		key       string // the current key of an object
		idx       int    // the current index of an array
		expectKey bool
	}
	var stack []*frame
	path := func(last string) string {
		var b strings.Builder
		for _, f := range stack[:len(stack)-1] {
			b.WriteByte('/')
			if f.obj {
				b.WriteString(escape(f.key))
			} else {
				b.WriteString(strconv.Itoa(f.idx))
			}
		}
		b.WriteByte('/')
		b.WriteString(escape(last))
		return b.String()
	}
	// valueStarts moves the enclosing array to its next index; a value in an
	// object follows its key.
	valueStarts := func() {
		if n := len(stack); n > 0 && !stack[n-1].obj {
			stack[n-1].idx++
		}
	}
	valueEnded := func() {
		if n := len(stack); n > 0 && stack[n-1].obj {
			stack[n-1].expectKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false // the end, or invalid JSON
		}
		var top *frame
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				valueStarts()
				stack = append(stack, &frame{obj: d == '{', keys: map[string]struct{}{}, idx: -1, expectKey: d == '{'})
			case '}', ']':
				stack = stack[:len(stack)-1]
				valueEnded()
			}
			continue
		}
		if top != nil && top.obj && top.expectKey {
			key, _ := tok.(string)
			if _, dup := top.keys[key]; dup {
				return path(key), true
			}
			top.keys[key] = struct{}{}
			top.key, top.expectKey = key, false
			continue
		}
		valueStarts()
		valueEnded()
	}
}

// escape is a key as a JSON pointer segment (RFC 6901).
func escape(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}

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
	"unicode/utf8"
)

// First returns the JSON pointer of the first key that repeats a key of the
// same object (for example "/flow", "/flow/2/id"), and true; or "", false
// when there is none. Keys are compared as decoded ("a" and "\u0061" are the
// same key, and so are two invalid UTF-8 sequences, both U+FFFD). It is a scan, not a parse: JSON that is invalid may report
// anything or nothing, and the caller's decoder says what is wrong with it.
//
// It runs on every tool call's arguments and every sandbox body, so it
// reads bytes directly rather than through encoding/json's tokenizer (six
// times slower, and an allocation per token). Keys are compared pairwise
// within a small object and through a set in a wide one, so the scan stays
// linear (BenchmarkFirstWideObject).
func First(data []byte) (pointer string, found bool) {
	if bytes.IndexByte(data, '{') < 0 {
		return "", false
	}
	// The keys of every open object share one arena: an object's keys are
	// arena[start:], dropped when it closes, so a scan allocates almost
	// nothing however many objects the document has.
	var (
		stack []frame
		arena [][]byte
	)
	for i := 0; i < len(data); {
		switch c := data[i]; c {
		case '{', '[':
			valueStarts(stack)
			stack = append(stack, frame{obj: c == '{', expectKey: c == '{', idx: -1, start: len(arena)})
			i++
		case '}', ']':
			if n := len(stack); n > 0 {
				arena = arena[:stack[n-1].start]
				stack = stack[:n-1]
			}
			i++
		case ',':
			if n := len(stack); n > 0 && stack[n-1].obj {
				stack[n-1].expectKey = true
			}
			i++
		case '"':
			end, escaped := stringEnd(data, i+1)
			if end < 0 {
				return "", false
			}
			key := data[i+1 : end]
			i = end + 1
			n := len(stack)
			if n == 0 || !stack[n-1].obj || !stack[n-1].expectKey {
				valueStarts(stack)
				continue
			}
			// Escapes, and bytes that are not UTF-8 (decoded as U+FFFD), make
			// keys that differ as bytes equal as strings.
			if escaped || !utf8.Valid(key) {
				var s string
				if json.Unmarshal(data[end-len(key)-1:end+1], &s) != nil {
					return "", false
				}
				key = []byte(s)
			}
			top := &stack[n-1]
			if top.set != nil {
				if _, dup := top.set[string(key)]; dup {
					return pointerTo(stack, string(key)), true
				}
				top.set[string(key)] = struct{}{}
			} else {
				for _, k := range arena[top.start:] {
					if bytes.Equal(k, key) {
						return pointerTo(stack, string(key)), true
					}
				}
				if arena = append(arena, key); len(arena)-top.start > smallObject {
					// A wide object: a set keeps the scan linear.
					top.set = make(map[string]struct{}, 4*smallObject)
					for _, k := range arena[top.start:] {
						top.set[string(k)] = struct{}{}
					}
					arena = arena[:top.start]
				}
			}
			top.key, top.expectKey = key, false
		case ' ', '\t', '\n', '\r', ':':
			i++
		default: // a number, true, false or null
			valueStarts(stack)
			for i < len(data) && !endsScalar(data[i]) {
				i++
			}
		}
	}
	return "", false
}

// frame is one open object or array.
type frame struct {
	obj       bool
	expectKey bool
	idx       int                 // the current index of an array
	key       []byte              // the current key of an object
	start     int                 // where the object's keys begin in the arena
	set       map[string]struct{} // the keys of a wide object instead
}

// smallObject is how many keys an object keeps in the arena, compared one
// by one, before a set is worth its allocation; flow nodes have fewer.
const smallObject = 16

func endsScalar(c byte) bool {
	switch c {
	case ',', ']', '}', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// valueStarts moves the enclosing array, if any, to its next index.
func valueStarts(stack []frame) {
	if n := len(stack); n > 0 && !stack[n-1].obj {
		stack[n-1].idx++
	}
}

// stringEnd is the index of the quote closing the string whose content
// starts at i, and whether it holds an escape; -1 when it does not end.
func stringEnd(data []byte, i int) (int, bool) {
	escaped := false
	for i < len(data) {
		j := bytes.IndexAny(data[i:], `"\`)
		if j < 0 {
			return -1, escaped
		}
		i += j
		if data[i] == '"' {
			return i, escaped
		}
		escaped = true
		i += 2 // the backslash and the character it escapes
	}
	return -1, escaped
}

// pointerTo is the JSON pointer of key in the innermost object of stack.
func pointerTo(stack []frame, key string) string {
	var b strings.Builder
	for _, f := range stack[:len(stack)-1] {
		b.WriteByte('/')
		if f.obj {
			b.WriteString(escape(string(f.key)))
		} else {
			b.WriteString(strconv.Itoa(f.idx))
		}
	}
	b.WriteByte('/')
	b.WriteString(escape(key))
	return b.String()
}

// escape is a key as a JSON pointer segment (RFC 6901).
func escape(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}

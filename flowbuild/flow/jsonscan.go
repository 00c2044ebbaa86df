package flow

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// A small scanner over JSON that json.Valid has already accepted. Decode uses it to
// split objects into members and arrays into elements as raw byte slices, in
// document order, without building maps or decoding values it does not need.
//
// Because the grammar was checked beforehand the scanner only finds boundaries; it
// does not re-validate. It still bounds-checks every step, so bytes it was not meant
// for (say, a truncated document) make it report failure, never panic or loop.

// skipSpace returns the index of the first non-whitespace byte at or after i.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the string literal whose opening quote is
// data[i], or -1 when it is not closed.
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		// The quote closes the string unless an odd run of backslashes escapes it.
		backslashes := 0
		for p := q - 1; p > i && data[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
	return -1
}

// valueEnd returns the index just past the value starting at data[i], or -1.
func valueEnd(data []byte, i int) int {
	if i < 0 || i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		// Strings may hold brackets, so step over them whole; count the rest.
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				if i = stringEnd(data, i); i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	default:
		// A number, true, false or null: runs until a delimiter.
		j := i
		for j < len(data) && isLiteralByte(data[j]) {
			j++
		}
		if j == i {
			return -1
		}
		return j
	}
}

func isLiteralByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'E'
}

// memberIter walks the members of one JSON object (and, inside elemIter, the
// elements of an array: the two share the walking between separators).
type memberIter struct {
	data []byte // the object, from '{' to '}'
	pos  int
	seen int  // members (or elements) returned so far
	bad  bool // the bytes were not an object after all
}

func members(obj []byte) memberIter {
	it := memberIter{data: obj, pos: 1}
	if len(obj) == 0 || obj[0] != '{' {
		it.bad, it.pos = true, len(obj)
	}
	return it
}

// next returns the next member's key as its literal (quotes and escapes included)
// and its raw value, or ok=false at the end of the object (check bad then).
func (it *memberIter) next() (key, val []byte, ok bool) {
	i := it.start()
	if i < 0 {
		return nil, nil, false
	}
	if it.data[i] != '"' {
		return nil, nil, it.fail()
	}
	k := stringEnd(it.data, i)
	if k < 0 {
		return nil, nil, it.fail()
	}
	key = it.data[i:k]
	c := skipSpace(it.data, k)
	if c >= len(it.data) || it.data[c] != ':' {
		return nil, nil, it.fail()
	}
	v := skipSpace(it.data, c+1)
	e := valueEnd(it.data, v)
	if e < 0 {
		return nil, nil, it.fail()
	}
	it.pos = e
	return key, it.data[v:e], true
}

// start moves past the comma before the next member or element and returns its
// index, or -1 at the closing bracket (or on bad input, marking it).
func (it *memberIter) start() int {
	if it.bad {
		return -1
	}
	i := skipSpace(it.data, it.pos)
	if i >= len(it.data) {
		it.fail()
		return -1
	}
	if c := it.data[i]; c == '}' || c == ']' {
		it.pos = len(it.data)
		return -1
	}
	if it.seen > 0 {
		if it.data[i] != ',' {
			it.fail()
			return -1
		}
		i = skipSpace(it.data, i+1)
		if i >= len(it.data) {
			it.fail()
			return -1
		}
	}
	it.seen++
	return i
}

func (it *memberIter) fail() bool {
	it.bad, it.pos = true, len(it.data)
	return false
}

// elemIter walks the elements of one JSON array.
type elemIter struct{ memberIter }

func elements(arr []byte) elemIter {
	it := elemIter{memberIter{data: arr, pos: 1}}
	if len(arr) == 0 || arr[0] != '[' {
		it.bad, it.pos = true, len(arr)
	}
	return it
}

// next returns the next element's raw value, or ok=false at the end (check bad then).
func (it *elemIter) next() (val []byte, ok bool) {
	i := it.start()
	if i < 0 {
		return nil, false
	}
	e := valueEnd(it.data, i)
	if e < 0 {
		return nil, it.fail()
	}
	it.pos = e
	return it.data[i:e], true
}

// countElements returns how many elements the array holds, or -1 when it is not one.
func countElements(arr []byte) int {
	it := elements(arr)
	n := 0
	for _, ok := it.next(); ok; _, ok = it.next() {
		n++
	}
	if it.bad {
		return -1
	}
	return n
}

// countMembers returns how many members the object holds, or -1 when it is not one.
func countMembers(obj []byte) int {
	it := members(obj)
	n := 0
	for _, _, ok := it.next(); ok; _, _, ok = it.next() {
		n++
	}
	if it.bad {
		return -1
	}
	return n
}

// plainBody returns the bytes between a string literal's quotes when they are the
// decoded string as they stand: no escapes, valid UTF-8. Nearly all strings are.
func plainBody(lit []byte) ([]byte, bool) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return nil, false
	}
	body := lit[1 : len(lit)-1]
	return body, bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body)
}

// unquote decodes a string literal (quotes included) exactly as encoding/json does.
// Literals that are not plain (escapes, or invalid UTF-8, which encoding/json turns
// into U+FFFD) go through encoding/json itself so that they decode the same.
func unquote(lit []byte) (string, bool) {
	if body, ok := plainBody(lit); ok {
		return string(body), true
	}
	var s string
	if json.Unmarshal(lit, &s) != nil {
		return "", false
	}
	return s, true
}

// keyBytes decodes a member key's literal. A plain key is returned in place, so
// comparing it (switch string(key)) costs no allocation.
func keyBytes(lit []byte) []byte {
	if body, ok := plainBody(lit); ok {
		return body
	}
	s, _ := unquote(lit)
	return []byte(s)
}

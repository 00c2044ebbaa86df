// Package english answers one question: is this an English word? The typo
// correction of flowbuild asks it before "correcting" a word into a lexicon word,
// so that a real word ("identity", "order", "great") is never taken for a typo of
// another ("identify", "older", "greet").
//
// words.txt is embedded in the binary; nothing is read from the system at run
// time. It is the union of Debian's wamerican and wbritish word lists (package
// version 2020.12.07-2, built from SCOWL size 50), trimmed to the words of three
// or more lower-case letters a–z (no proper nouns, no possessives), sorted
// byte-wise, one word a line. SCOWL's permissive licence, which asks that its
// notice travel with copies, is in COPYING.SCOWL. To rebuild it:
//
//	apt-get download wamerican wbritish && for d in w*.deb; do dpkg-deb -x $d x; done
//	cat x/usr/share/dict/*-english | grep -E '^[a-z]{3,}$' | LC_ALL=C sort -u > words.txt
package english

import (
	_ "embed"
	"strings"
)

//go:embed words.txt
var words string

// Known reports whether w (lower case) is an English word of the list. It binary
// searches the sorted embedded text, so it needs no start-up work and allocates
// nothing.
func Known(w string) bool {
	if w == "" {
		return false
	}
	lo, hi := 0, len(words)
	for lo < hi {
		mid := lo + (hi-lo)/2
		// the word holding byte mid: back up to its line start
		start := strings.LastIndexByte(words[:mid], '\n') + 1
		end := strings.IndexByte(words[start:], '\n')
		if end < 0 {
			end = len(words)
		} else {
			end += start
		}
		switch cand := words[start:end]; {
		case cand == w:
			return true
		case cand < w:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}

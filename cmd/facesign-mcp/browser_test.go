package main

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The preview is never opened in a browser under CI, with --no-browser or
// FACESIGN_NO_BROWSER, or on Linux without a display.
func TestBrowserOpener(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	assert.Nil(t, browserOpener(true, env("DISPLAY", ":0")), "--no-browser")
	assert.Nil(t, browserOpener(false, env("CI", "true", "DISPLAY", ":0")), "CI")
	assert.Nil(t, browserOpener(false, env("FACESIGN_NO_BROWSER", "1", "DISPLAY", ":0")), "FACESIGN_NO_BROWSER")
	if runtime.GOOS == "linux" {
		assert.Nil(t, browserOpener(false, env()), "no display")
	}
}

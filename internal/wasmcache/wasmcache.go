// Package wasmcache keeps go-graphviz's compiled WebAssembly out of shared
// temporary directories.
//
// go-graphviz compiles its Graphviz module in a package init and caches the
// machine code in $TMPDIR/go-graphviz, a directory it creates world-readable
// and, if someone else created it first in a shared /tmp, trusts anyway: a
// local user could plant compiled code there that this process would run.
// This package's init runs first (Go initialises packages in import-path
// order once their imports are ready, and github.com/facesign sorts before
// github.com/goccy) and points TMPDIR at a directory only this user can write,
// the user's cache directory, or at a path where nothing can be created, so
// that go-graphviz compiles without a cache. Restore puts TMPDIR back; the
// package importing go-graphviz calls it from its own init.
//
// Import it blank, next to go-graphviz, in every package that imports
// go-graphviz.
package wasmcache

import (
	"os"
	"path/filepath"
	"runtime"
)

var (
	saved    string
	hadSaved bool
	dir      string
)

func init() {
	if runtime.GOOS == "windows" {
		return // the temporary directory there is per user already
	}
	saved, hadSaved = os.LookupEnv("TMPDIR")
	dir = privateDir()
	_ = os.Setenv("TMPDIR", dir)
}

// Dir is the directory TMPDIR pointed at while go-graphviz started: a private
// cache directory, or os.DevNull when none could be made (no cache).
func Dir() string { return dir }

// Restore gives the process back the TMPDIR it started with.
func Restore() {
	if runtime.GOOS == "windows" {
		return
	}
	if hadSaved {
		_ = os.Setenv("TMPDIR", saved)
	} else {
		_ = os.Unsetenv("TMPDIR")
	}
}

// privateDir returns <user cache dir>/facesign-mcp, created 0700, when it is a
// directory of this user that nobody else can write; os.DevNull otherwise
// (creating go-graphviz under it fails, so no cache is used).
func privateDir() string {
	base, err := os.UserCacheDir()
	if err != nil || base == "" || !filepath.IsAbs(base) {
		return os.DevNull
	}
	d := filepath.Join(base, "facesign-mcp")
	if err := os.MkdirAll(d, 0o700); err != nil {
		return os.DevNull
	}
	if !private(d) {
		return os.DevNull
	}
	return d
}

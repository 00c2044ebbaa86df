//go:build unix

package wasmcache

import (
	"os"
	"syscall"
)

// private reports whether d is a directory (not a symlink) owned by this user
// that neither group nor others may write.
func private(d string) bool {
	fi, err := os.Lstat(d)
	if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o022 != 0 {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

//go:build unix

package sandbox

import (
	"io/fs"
	"os"
	"syscall"
)

// ownedByUs reports whether the file fi describes belongs to the user this
// process runs as, who alone may chmod it (or root).
func ownedByUs(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Geteuid()
}

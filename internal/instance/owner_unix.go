//go:build unix

package instance

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// ownedByMe checks that fi belongs to this process's user: a file another
// user wrote into a shared data dir proves nothing.
func ownedByMe(fi fs.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("cannot tell who owns it")
	}
	if int(st.Uid) != os.Getuid() {
		return fmt.Errorf("owned by uid %d, not by this user (uid %d)", st.Uid, os.Getuid())
	}
	return nil
}

//go:build !unix

package sandbox

import "io/fs"

// ownedByUs is true where files carry no Unix owner: os.Chmod there changes
// only the read-only attribute, which the store's modes leave writable.
func ownedByUs(fs.FileInfo) bool { return true }

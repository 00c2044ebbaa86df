//go:build !unix

package wasmcache

// private is only consulted on Unix; elsewhere the cache stays off.
func private(string) bool { return false }

package main

import (
	"runtime/debug"
	"sync"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// appVersion is what --version, /healthz, initialize and the logs report:
// the -ldflags version when a release build set one, else what the Go
// toolchain recorded in the binary.
var appVersion = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	return resolveVersion(version, info)
})

// resolveVersion picks the version to report. `go install …@v1.2.0` records
// the module version; a build in a clone records "(devel)" and, with VCS
// stamping on, the commit, which then identifies the build: "dev+9b153a5c0d1e",
// "-dirty" when the tree had uncommitted changes.
func resolveVersion(ldflags string, info *debug.BuildInfo) string {
	if ldflags != "dev" || info == nil {
		return ldflags
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return ldflags
	}
	v := "dev+" + rev[:min(12, len(rev))]
	if dirty {
		v += "-dirty"
	}
	return v
}

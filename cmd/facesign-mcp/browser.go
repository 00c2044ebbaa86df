package main

import (
	"os"
	"os/exec"
	"runtime"
)

// browserOpener returns a function that opens a URL in the user's default
// browser, or nil where that would be wrong: under CI, with --no-browser, or
// on Linux and BSD without a display (a server on a headless machine or in a
// container). getenv is os.Getenv outside tests.
func browserOpener(disabled bool, getenv func(string) string) func(string) error {
	if disabled || getenv("CI") != "" || getenv("FACESIGN_NO_BROWSER") != "" {
		return nil
	}
	var name string
	var args []string
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler"}
	default:
		if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
			return nil
		}
		name = "xdg-open"
	}
	if _, err := exec.LookPath(name); err != nil {
		return nil
	}
	return func(url string) error {
		cmd := exec.Command(name, append(args, url)...)
		// The browser must never write to stdout: in stdio mode it is MCP.
		cmd.Stdout, cmd.Stderr, cmd.Stdin = nil, nil, nil
		cmd.Env = os.Environ()
		if err := cmd.Start(); err != nil {
			return err
		}
		go func() { _ = cmd.Wait() }()
		return nil
	}
}

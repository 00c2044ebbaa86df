package main

import (
	"context"
	"fmt"
)

// PLACEHOLDER: the flowbuild language helper owns this file.
func runFlow(ctx context.Context, args []string, s streams) int {
	fmt.Fprintln(s.err, "flow: not built yet")
	return 2
}

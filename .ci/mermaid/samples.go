// Command samples writes the Mermaid diagram (flowbuild/diagram) of each flow file it is given
// into OUTDIR, for .ci/mermaid-check.sh to render with the real Mermaid. The CLI
// prints Mermaid only for flows it builds, so the sample flows (valid, warn and
// invalid alike) are drawn here with the same diagram.Mermaid the tools call.
//
// Usage, from the module root: go run .ci/mermaid/samples.go OUTDIR FILE...
// A file flow.Decode refuses (not an array of nodes) has no diagram anywhere
// and is reported and skipped; any other problem exits 1.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: go run .ci/mermaid/samples.go OUTDIR FILE...")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "samples:", err)
		os.Exit(1)
	}
}

func run(outDir string, files []string) error {
	written := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		f, err := flow.Decode(data)
		if err != nil {
			fmt.Fprintf(os.Stderr, "samples: skip %s (no diagram: %v)\n", file, err)
			continue
		}
		// testdata/flows/invalid/no-end.json -> sample-invalid-no-end.mmd
		name := strings.TrimSuffix(filepath.ToSlash(file), ".json")
		if i := strings.Index(name, "flows/"); i >= 0 {
			name = name[i+len("flows/"):]
		}
		name = "sample-" + strings.ReplaceAll(name, "/", "-") + ".mmd"
		if err := os.WriteFile(filepath.Join(outDir, name), []byte(diagram.Mermaid(f)), 0o644); err != nil {
			return err
		}
		written++
	}
	if written == 0 {
		return fmt.Errorf("no diagram written from %d file(s)", len(files))
	}
	return nil
}

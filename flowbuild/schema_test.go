package flowbuild

import "flag"

// updateGolden rewrites the golden files under testdata (schema and diagrams):
// go test ./flowbuild -run 'TestSchema|TestMermaid' -update
var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

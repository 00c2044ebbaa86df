package sandbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docs/facesign-api.md is the contract this sandbox implements, kept in the
// repository so that it stands alone. It extends the team's shared contract
// (the hosted page, media URLs, sandbox-only endpoints) and never drops or
// changes a line of it: when the shared folder is beside the checkout, every
// line of the shared contract must be in ours, in the same order.
func TestContractExtendsShared(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "shared", "facesign-api.md"))
	if os.IsNotExist(err) {
		t.Skip("../shared/facesign-api.md is not next to this checkout")
	}
	require.NoError(t, err)
	ours, err := os.ReadFile(filepath.Join("..", "docs", "facesign-api.md"))
	require.NoError(t, err)
	have := strings.Split(string(ours), "\n")
	at := 0
	for _, line := range strings.Split(string(shared), "\n") {
		found := false
		for ; at < len(have); at++ {
			if have[at] == line {
				found = true
				at++
				break
			}
		}
		if !assert.True(t, found, "docs/facesign-api.md lost or moved the shared contract's line %q", line) {
			return
		}
	}
}

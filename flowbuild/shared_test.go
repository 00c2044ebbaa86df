package flowbuild

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// testdata/intents.json is a copy of the team's yardstick, so that the tests
// stand alone in a checkout; when the shared folder is next to the checkout,
// the copy must be the same bytes.
func TestIntentsMatchShared(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "shared", "intents", "intents.json"))
	if os.IsNotExist(err) {
		t.Skip("../shared/intents/intents.json is not next to this checkout")
	}
	require.NoError(t, err)
	ours, err := os.ReadFile(filepath.Join("testdata", "intents.json"))
	require.NoError(t, err)
	require.Equal(t, string(shared), string(ours), "copy ../shared/intents/intents.json to flowbuild/testdata/intents.json")
}

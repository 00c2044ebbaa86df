package facesign

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseKey(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		want    Environment
		wantErr string
	}{
		{"sandbox", "sk_test_abcd1234", EnvSandbox, ""},
		{"sandbox with dashes and underscores", "sk_test_ab-cd_12-34_XY", EnvSandbox, ""},
		{"production", "sk_prod_0123456789abcdef", EnvProduction, ""},
		{"live is production", "sk_live_0123456789abcdef", EnvProduction, ""},
		{"empty", "", "", "empty"},
		{"publishable key", "pk_test_abcd1234", "", "must start with sk_test_"},
		{"wrong case", "SK_TEST_abcd1234", "", "must start with sk_test_"},
		{"bearer pasted", "Bearer sk_test_abcd1234", "", "without the \"Bearer \" prefix"},
		{"leading space", " sk_test_abcd1234", "", "must start with sk_test_"},
		{"too short", "sk_test_abc", "", "too short"},
		{"prefix only", "sk_test_", "", "too short"},
		{"trailing newline", "sk_test_abcd1234\n", "", "character other than"},
		{"inner space", "sk_test_abcd 1234", "", "character other than"},
		{"quote", "sk_test_abcd1234\"", "", "character other than"},
		{"too long", "sk_test_" + strings.Repeat("a", MaxKeyBodyLen+1), "", "too long"},
		{"longest", "sk_test_" + strings.Repeat("a", MaxKeyBodyLen), EnvSandbox, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := ParseKey(tt.key)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, tt.want, env)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.True(t, errors.Is(err, ErrInvalidKey))
			assert.True(t, IsAuth(err))
			if len(tt.key) > 8 {
				assert.NotContains(t, err.Error(), tt.key[8:], "error must not quote the key")
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ key, want string }{
		{"sk_test_abcdefgh1234", "sk_test_…1234"},
		{"sk_prod_abcdefghWXYZ", "sk_prod_…WXYZ"},
		{"sk_live_abcdefghWXYZ", "sk_live_…WXYZ"},
		{"sk_test_abc", "sk_test_…"},
		{"", "(no key)"},
		{"short", "…"},
		{"some-unknown-secret-9876", "…9876"},
		{"sk_test_abcdefgh12\n4", "sk_test_…12?4"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, Redact(tt.key))
		})
	}
}

package tools

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func TestAsDecodeErrorSeesThroughWrapping(t *testing.T) {
	inner := &flow.DecodeError{Path: "/2/type", Msg: "unknown node type"}
	for _, err := range []error{inner, fmt.Errorf("decoding: %w", inner), fmt.Errorf("a: %w", fmt.Errorf("b: %w", inner))} {
		var de *flow.DecodeError
		require.True(t, asDecodeError(err, &de), err.Error())
		assert.Same(t, inner, de)
	}
	var de *flow.DecodeError
	assert.False(t, asDecodeError(fmt.Errorf("plain"), &de))
}

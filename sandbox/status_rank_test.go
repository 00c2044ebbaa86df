package sandbox

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/facesign/facesign-mcp/facesign"
)

// The ranks are stored (status_rank), so they must follow facesign's lifecycle
// order exactly; computing one must not allocate, as every write computes one.
func TestStatusRank(t *testing.T) {
	all := facesign.Statuses()
	for i, st := range all {
		assert.Equal(t, i, statusRank(st), "%s", st)
	}
	assert.Equal(t, len(all), statusRank("weird"), "an unknown status sorts last")
	assert.Equal(t, len(all), statusRank(""))
	sum := 0
	allocs := testing.AllocsPerRun(100, func() {
		sum += statusRank(facesign.StatusCanceled) + statusRank("weird")
	})
	assert.Zero(t, allocs)
	assert.Equal(t, 101*(3+len(all)), sum) // AllocsPerRun warms up with one extra run
}

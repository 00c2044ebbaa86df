package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportCommand(t *testing.T) {
	flowFile := filepath.Join("..", "..", "exporter", "testdata", "flows", "login-2fa.json")
	dir := filepath.Join(t.TempDir(), "app")

	code, out, errOut := runCmd(t, "", "export", "--flow", flowFile, "--out", dir, "--use-case", "login_2fa", "--database", "postgres", "--module", "github.com/acme/login")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Exported facesign-login-2fa (login-2fa, postgres)")
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "module github.com/acme/login\n")

	code, _, errOut = runCmd(t, "", "export", "--flow", flowFile, "--out", dir, "--use-case", "login-2fa")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "not empty")

	data, err := os.ReadFile(flowFile)
	require.NoError(t, err)
	code, out, errOut = runCmd(t, string(data), "export", "--update", "--flow", "-", "--out", dir)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Updated")

	for _, bad := range [][]string{
		{"export", "--out", dir},
		{"export", "--flow", flowFile, "--out", filepath.Join(t.TempDir(), "x")},
		{"export", "--flow", flowFile, "--out", filepath.Join(t.TempDir(), "x"), "--use-case", "payroll"},
	} {
		code, _, errOut = runCmd(t, "", bad...)
		assert.Equal(t, 2, code, "%v: %s", bad, errOut)
	}
	code, _, errOut = runCmd(t, "", "export", "--flow", "missing.json", "--out", filepath.Join(t.TempDir(), "x"), "--use-case", "login-2fa")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "missing.json")
}

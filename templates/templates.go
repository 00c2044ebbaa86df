// Package templates holds the Go web app that export_app writes: app/ is the
// tree every export gets, usecases/<name>/ the files one use case adds or
// replaces. Go, go.mod and templ files carry a .tmpl suffix so that the go
// tool never takes them for part of this module (a nested go.mod would also
// stop go:embed); the exporter strips it. Files ending in .tmpl are rendered
// with text/template using {% %} delimiters, which neither Go, templ, SQL nor
// JavaScript use; other files are copied as they are.
package templates

import "embed"

// FS is the app tree (app/…) and the use-case overlays (usecases/<name>/…).
// all: keeps dot-files such as .env.example.
//
//go:embed all:app all:usecases
var FS embed.FS

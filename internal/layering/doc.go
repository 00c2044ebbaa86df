// Package layering holds no code: its test keeps the imports between this
// module's packages pointing the one way DESIGN.md draws them, so that a light
// package (the flow model, the API client) never starts pulling in a heavy one
// (the language layer, the schema reflector, a diagram engine, the sandbox).
package layering

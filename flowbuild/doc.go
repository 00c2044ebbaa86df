// Package flowbuild builds FaceSign flows from plain English and edits them
// the same way: Build turns a description into a flow, Edit applies a described
// change to one, and both say what they assumed and what they could not
// decide (Questions). It is the language layer on top of the flow model in
// flowbuild/flow, and it imports nothing heavier than that model.
package flowbuild

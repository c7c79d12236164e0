package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/seeds"
)

// examples holds the example models; the seed studies are embedded by package
// seeds. Both ship in the binary, so `blinasim run` works from any folder.
//
//go:embed examples/*.yaml
var examples embed.FS

// shippedModel is one model file shipped in the binary.
type shippedModel struct {
	Name string // file stem, what `run NAME` accepts
	FS   fs.FS  // the embedded files it is in
	Path string // its path inside FS
	Kind string // "study", "scenario" or "example"
}

// isDefault reports whether s is the default study, which `blinasim run`
// simulates without a file: the adult post-alloHSCT relapse cohort of seed 001.
func (s shippedModel) isDefault() bool { return s.Kind == "study" && s.Path == seeds.Default }

// listShipped returns the shipped models, studies first, then scenarios and
// examples, by name.
func listShipped() []shippedModel {
	var out []shippedModel
	for _, g := range []struct {
		fsys      fs.FS
		dir, kind string
	}{{seeds.FS, ".", "study"}, {seeds.FS, "scenarios", "scenario"}, {examples, "examples", "example"}} {
		names, _ := fs.Glob(g.fsys, path.Join(g.dir, "*.yaml"))
		sort.Strings(names)
		for _, p := range names {
			out = append(out, shippedModel{Name: strings.TrimSuffix(path.Base(p), ".yaml"), FS: g.fsys, Path: p, Kind: g.kind})
		}
	}
	return out
}

// loadModel loads arg: a file on disk, or else the name of a shipped model
// (with or without .yaml); "" is the default study.
func loadModel(arg string, opts config.Options) (*model.Model, error) {
	if arg == "" {
		return config.Load(seeds.FS, seeds.Default, opts)
	}
	if _, err := os.Stat(arg); err == nil {
		return config.LoadFile(arg, opts)
	}
	name := strings.TrimSuffix(path.Base(arg), ".yaml")
	var names []string
	for _, s := range listShipped() {
		if s.Name == name && !strings.ContainsRune(arg, os.PathSeparator) {
			return config.Load(s.FS, s.Path, opts)
		}
		names = append(names, s.Name)
	}
	return nil, usageError{fmt.Errorf("%s: no such file, nor a shipped model (shipped: %s; see `blinasim list`)", arg, strings.Join(names, ", "))}
}

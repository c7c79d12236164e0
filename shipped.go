package main

import (
	"embed"
	"errors"
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
// (with or without .yaml); it must hold one model. "" is an error (an empty
// name from a script's unset variable, say), not the default study.
func loadModel(arg string, opts config.Options) (*model.Model, error) {
	ms, err := loadModels(arg, opts, false)
	if err != nil {
		return nil, err
	}
	return ms[0], nil
}

// loadDefault loads the default study, which commands given no file use.
func loadDefault(opts config.Options) (*model.Model, error) {
	opts.Shipped = shippedFile
	return config.Load(seeds.FS, seeds.Default, opts)
}

// loadModels loads arg as loadModel does; with all, every model of a file of
// several (YAML documents separated by ---, as a run of several scenarios
// writes its model.yaml), else the file must hold one.
func loadModels(arg string, opts config.Options, all bool) ([]*model.Model, error) {
	if arg == "" {
		return nil, usageError{errors.New(`"" is not a model file: give a file or a shipped name (see ` + "`blinasim list`)")}
	}
	opts.Shipped = shippedFile
	load := func(fsys fs.FS, name string) ([]*model.Model, error) {
		if all {
			return config.LoadAll(fsys, name, opts)
		}
		m, err := config.Load(fsys, name, opts)
		return []*model.Model{m}, err
	}
	if _, err := os.Stat(arg); err == nil {
		if all {
			return config.LoadAllFile(arg, opts)
		}
		m, err := config.LoadFile(arg, opts)
		return []*model.Model{m}, err
	}
	s, names := findShipped(arg)
	if s == nil {
		return nil, usageError{fmt.Errorf("%s: no such file, nor a shipped model (shipped: %s; see `blinasim list`)", arg, strings.Join(names, ", "))}
	}
	return load(s.FS, s.Path)
}

// findShipped returns the shipped model named arg (with or without .yaml;
// nil if none), and the names of all.
func findShipped(arg string) (*shippedModel, []string) {
	name := strings.TrimSuffix(path.Base(arg), ".yaml")
	var names []string
	for _, s := range listShipped() {
		if s.Name == name && !strings.ContainsRune(arg, os.PathSeparator) {
			return &s, nil
		}
		names = append(names, s.Name)
	}
	return nil, names
}

// shippedFile finds a shipped model by name, for `extends:` (config.Options.Shipped).
func shippedFile(name string) (fs.FS, string, bool) {
	if s, _ := findShipped(name); s != nil {
		return s.FS, s.Path, true
	}
	return nil, "", false
}

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
)

// shipped holds the seed studies and the examples, so that `blinasim run`
// works from any folder with no file at all.
//
//go:embed seeds/*.yaml examples/*.yaml
var shipped embed.FS

// defaultStudy is what `blinasim run` simulates without a file: the adult
// post-alloHSCT relapse cohort of seed 001 (Stein et al. 2019, n = 64).
const defaultStudy = "seeds/stein2019-adult-post-allohsct.yaml"

// shippedModel is one model file shipped in the binary.
type shippedModel struct {
	Name string // file stem, what `run NAME` accepts
	Path string // path inside the embedded FS
	Kind string // "study" or "example"
}

// listShipped returns the shipped models, studies first, by name.
func listShipped() []shippedModel {
	var out []shippedModel
	for _, dir := range []struct{ dir, kind string }{{"seeds", "study"}, {"examples", "example"}} {
		entries, _ := fs.ReadDir(shipped, dir.dir)
		var group []shippedModel
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".yaml") {
				group = append(group, shippedModel{Name: strings.TrimSuffix(e.Name(), ".yaml"),
					Path: path.Join(dir.dir, e.Name()), Kind: dir.kind})
			}
		}
		sort.Slice(group, func(i, j int) bool { return group[i].Name < group[j].Name })
		out = append(out, group...)
	}
	return out
}

// loadModel loads arg: a file on disk, or else the name of a shipped model
// (with or without .yaml); "" is the default study.
func loadModel(arg string, opts config.Options) (*model.Model, error) {
	if arg == "" {
		return config.Load(shipped, defaultStudy, opts)
	}
	if _, err := os.Stat(arg); err == nil {
		return config.LoadFile(arg, opts)
	}
	name := strings.TrimSuffix(path.Base(arg), ".yaml")
	var names []string
	for _, s := range listShipped() {
		if s.Name == name && !strings.ContainsRune(arg, os.PathSeparator) {
			return config.Load(shipped, s.Path, opts)
		}
		names = append(names, s.Name)
	}
	return nil, usageError{fmt.Errorf("%s: no such file, nor a shipped model (shipped: %s; see `blinasim list`)", arg, strings.Join(names, ", "))}
}

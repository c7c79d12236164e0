package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// Options layer overrides on top of the files. Zero value: none.
type Options struct {
	// Sets are "path=value" overrides from --set, applied last, in order. The
	// path is dot-separated, with list items addressed by name
	// (states.relapse.exits.death.rate=0.1, parameters.p_cr.value=0.5) or, in
	// lists of plain values, by index (landmarks.0=6); the value is read as YAML
	// (0.5, 36mo, p_cr, [12, 24], {dist: beta, x: 3, n: 10}).
	Sets []string
	// Env are "KEY=value" pairs, as os.Environ returns them (the caller passes
	// them in; config never reads the environment). Every BLINASIM_ variable
	// not in EnvIgnore overrides a model path: lower-cased, with "__" between
	// parts (BLINASIM_PARAMETERS__P_CR__VALUE=0.5). They apply before Sets.
	Env []string
	// EnvIgnore lists BLINASIM_ variables that are run options, not model keys
	// (e.g. "BLINASIM_PATIENTS").
	EnvIgnore []string

	// Shipped, if set, finds a model shipped with the program by name (the
	// file stem, e.g. stein2019-adult-post-allohsct): its file system and path
	// in it. `extends:` takes such a name when no file of that path exists.
	Shipped func(name string) (fsys fs.FS, path string, ok bool)

	// Calibrate also validates the model's calibrate section, which only the
	// calibrate command uses (model.Model.ValidateCalibrate).
	Calibrate bool

	all *[]*model.Model // set by LoadAllFile: load every document
}

// Load reads the model file name of fsys (an fs path; .yaml, .yml, .toml or
// .json), resolves what it extends (relative to its folder in fsys), applies
// the environment and --set overrides, decodes it strictly and validates it.
// Any problem, in any file or override, is returned as an *Error listing every
// issue with its file and line; the model is returned only when it is valid.
func Load(fsys fs.FS, name string, opts Options) (*model.Model, error) {
	return load(fsys, name, opts, func(p string) string { return p })
}

// LoadFile is Load for a file on disk, given by a relative or absolute path.
// Files it extends may lie in other folders (extends: ../base.yaml). Messages
// name the file as the caller gave it, and the files it extends by their path
// from the working directory (or absolute, if the caller's path was).
func LoadFile(path string, opts Options) (*model.Model, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Issues: []Issue{{File: path, Msg: fmt.Sprintf("cannot read the model file: %v", err), Err: err}}}
	}
	root := filepath.VolumeName(abs) + string(filepath.Separator)
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return nil, &Error{Issues: []Issue{{File: path, Msg: fmt.Sprintf("cannot read the model file: %v", err), Err: err}}}
	}
	name := filepath.ToSlash(rel)
	cwd, _ := os.Getwd()
	display := func(p string) string {
		if p == name {
			return path
		}
		full := filepath.Join(root, filepath.FromSlash(p))
		if filepath.IsAbs(path) || cwd == "" {
			return full
		}
		if r, err := filepath.Rel(cwd, full); err == nil {
			return r
		}
		return full
	}
	return load(os.DirFS(root), name, opts, display)
}

// LoadAll is Load for a file that may hold several models, as YAML documents
// separated by "---" lines (a run's model.yaml of several scenarios): it
// returns every model, in order, each resolved, overridden and validated as
// Load does one. A file of one model gives one.
func LoadAll(fsys fs.FS, name string, opts Options) ([]*model.Model, error) {
	return loadAll(fsys, name, opts, func(p string) string { return p })
}

// LoadAllFile is LoadAll for a file on disk (see LoadFile).
func LoadAllFile(path string, opts Options) ([]*model.Model, error) {
	var ms []*model.Model
	opts.all = &ms
	_, err := LoadFile(path, opts)
	return ms, err
}

// load is Load with a way of naming files in messages; with opts.all set it
// loads every document of the file into *opts.all (and returns the first).
func load(fsys fs.FS, name string, opts Options, display func(string) string) (*model.Model, error) {
	if opts.all != nil {
		ms, err := loadAll(fsys, name, opts, display)
		*opts.all = ms
		if err != nil {
			return nil, err
		}
		return ms[0], nil
	}
	l := &loader{fsys: fsys, display: display, shipped: opts.Shipped}
	root, iss := l.resolve(name, pos{})
	if len(iss) > 0 {
		return nil, iss.err()
	}
	return finish(root, opts)
}

// loadAll loads every document of a file (see LoadAll).
func loadAll(fsys fs.FS, name string, opts Options, display func(string) string) ([]*model.Model, error) {
	name = path.Clean(name)
	trees, iss := readTrees(fsys, name, display(name))
	if len(iss) > 0 {
		return nil, iss.err()
	}
	var out []*model.Model
	for _, t := range trees {
		l := &loader{fsys: fsys, display: display, stack: []string{name}, shipped: opts.Shipped}
		root, iss := l.resolveTree(t, name)
		if len(iss) > 0 {
			return nil, iss.err()
		}
		m, err := finish(root, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// finish applies the overrides to a resolved tree, decodes and validates it.
func finish(root *node, opts Options) (*model.Model, error) {
	ovs, iss := overrides(opts)
	for _, o := range ovs {
		o.apply(root, &iss)
	}
	if len(iss) > 0 {
		return nil, iss.err()
	}
	m, iss := decode(root)
	if len(iss) > 0 {
		return nil, iss.err()
	}
	if err := m.Validate(); err != nil {
		return nil, locate(err, root)
	}
	if opts.Calibrate {
		if err := m.ValidateCalibrate(); err != nil {
			return nil, locate(err, root)
		}
	}
	return m, nil
}

// locate turns model.Validate's problems into issues, each pointing at the
// file and line where the value at its path was written (after merging and
// overrides), or at the nearest enclosing value that was written.
func locate(err error, root *node) error {
	var ps model.Problems
	if !errors.As(err, &ps) {
		return &Error{Issues: []Issue{{File: root.pos.file, Msg: err.Error(), Err: err}}}
	}
	where := origins(root)
	out := make([]Issue, len(ps))
	for i, p := range ps {
		at := lookup(where, p.Path)
		out[i] = Issue{File: at.file, Line: at.line, Path: p.Path, Where: p.Where, Msg: p.Msg}
	}
	return &Error{Issues: out}
}

// origins maps every path of the tree ("states[1].exits[0].rate") to where its
// value was written: a key's line, or a list item's.
func origins(root *node) map[string]pos {
	m := map[string]pos{"": root.pos}
	var walk func(n *node, path string)
	walk = func(n *node, path string) {
		switch n.kind {
		case mapNode:
			for _, e := range n.entries {
				kp := keyPath(path, e.key)
				m[kp] = e.keyPos
				walk(e.val, kp)
			}
		case listNode:
			for i, it := range n.items {
				ip := fmt.Sprintf("%s[%d]", path, i)
				m[ip] = it.pos
				walk(it, ip)
			}
		}
	}
	walk(root, "")
	return m
}

// lookup returns the position of path, or of its nearest ancestor in the tree.
func lookup(where map[string]pos, path string) pos {
	for {
		if p, ok := where[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return where[""]
		}
		path = path[:i]
	}
}

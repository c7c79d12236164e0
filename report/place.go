package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// This file puts a finished temporary folder into place.

// place renames tmp to dir, or to the first free dir-2, dir-3, ... if dir
// exists, and returns the name used.
func place(tmp, dir string) (string, error) {
	for i := 1; i <= maxSuffix; i++ {
		name := dir
		if i > 1 {
			name = fmt.Sprintf("%s-%d", dir, i)
		}
		if _, err := os.Lstat(name); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("report: %w", err)
		}
		if err := os.Rename(tmp, name); err != nil {
			if errors.Is(err, fs.ErrExist) { // created meanwhile by someone else
				continue
			}
			return "", fmt.Errorf("report: %w", err)
		}
		return name, nil
	}
	return "", fmt.Errorf("report: %s and %s-2 ... %s-%d all exist", dir, dir, dir, maxSuffix)
}

// replace renames tmp to dir, replacing the folder dir if it exists. Where
// the system can, the two folders are exchanged in one step (exchange) and the
// old one, now at tmp, removed; elsewhere the old folder is moved aside first
// and removed only once the new one is in place. Either way the old or the
// complete new folder is at dir whenever the run is killed, and what a kill
// leaves hidden beside it the next run removes (cleanStale).
func replace(tmp, dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("report: %s exists and is not a folder; not replacing it", dir)
	}
	if exchange(tmp, dir) == nil {
		step("exchanged")
		os.RemoveAll(tmp) // best effort: the new output is in place
		return nil
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	aside, err := os.MkdirTemp(parent, hiddenPrefix(base, "old"))
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	old := filepath.Join(aside, base)
	if err := os.Rename(dir, old); err != nil {
		os.Remove(aside)
		return fmt.Errorf("report: moving the earlier output aside: %w", err)
	}
	step("moved-aside")
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("report: %w (the earlier output is now in %s)", err, old)
		}
		os.Remove(aside)
		return fmt.Errorf("report: %w", err)
	}
	os.RemoveAll(aside) // best effort: the new output is in place
	return nil
}

// mkdirAll creates the folder dir and its missing parents, and returns the
// topmost folder it created ("" if dir existed), for removeCreated.
func mkdirAll(dir string) (created string, err error) {
	dir = filepath.Clean(dir)
	for p := dir; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || !errors.Is(err, fs.ErrNotExist) {
			break
		}
		created = p
		if filepath.Dir(p) == p {
			break
		}
	}
	if created == "" {
		return "", nil
	}
	return created, os.MkdirAll(dir, 0o755)
}

// removeCreated removes the folders mkdirAll created for dir, if they are
// still empty.
func removeCreated(dir, created string) {
	if created == "" {
		return
	}
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if os.Remove(p) != nil || p == created || filepath.Dir(p) == p {
			return
		}
	}
}

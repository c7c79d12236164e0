package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CheckOut checks, before a run simulates anything, that its outputs can be
// written to the folder dir: dir is a folder name (not ".", "..", "/"), is not
// an existing file, and the nearest folder that exists on its path is a
// folder this process can create entries in (tried by creating and removing
// a hidden folder of the write's naming). Nothing is left behind.
func CheckOut(dir string) error {
	clean := filepath.Clean(dir)
	base := filepath.Base(clean)
	if dir == "" || base == "." || base == ".." || base == string(filepath.Separator) {
		return fmt.Errorf("%q is not a folder name: give a new folder, or an existing one with --force to replace it", dir)
	}
	if fi, err := os.Stat(clean); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", dir)
	}
	// The nearest existing ancestor: its entries are what the write creates.
	p := filepath.Dir(clean)
	for {
		fi, err := os.Stat(p)
		if err == nil {
			if !fi.IsDir() {
				return fmt.Errorf("%s cannot be created: %s is a file, not a folder", dir, p)
			}
			break
		}
		// Missing, or under a file (ENOTDIR): look further up.
		if filepath.Dir(p) == p {
			return fmt.Errorf("%s cannot be created: no folder on its path exists", dir)
		}
		p = filepath.Dir(p)
	}
	probe, err := os.MkdirTemp(p, hiddenPrefix(base, "tmp"))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s cannot be written: cannot create anything in %s: %w", dir, p, err)
	}
	return os.Remove(probe)
}

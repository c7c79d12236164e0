//go:build linux

package report

import "golang.org/x/sys/unix"

// exchange swaps the folders a and b in one step (Linux renameat2 with
// RENAME_EXCHANGE), so that a reader, or a kill, sees either the old or the
// new one at b, never neither. It fails on file systems without it (then the
// caller falls back to two renames).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// alive reports whether process pid still runs (signal 0 reaches it).
func alive(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || err == unix.EPERM
}

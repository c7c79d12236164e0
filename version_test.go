package main

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"
)

// TestBuildVersion: the version names the source's version, the module
// version, the VCS revision, its time and whether the tree was modified, from
// the build information the go command embeds.
func TestBuildVersion(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, c := range []struct {
		name string
		base string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go install @version", "0.1.0-dev", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true,
			"0.1.0-dev, module v1.2.3, unknown revision"},
		{"clone, clean", "0.1.0-dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202210106-0123abcd"},
			Settings: vcs("vcs", "git", "vcs.revision", "0123abcd", "vcs.time", "2026-12-02T21:01:06Z", "vcs.modified", "false")}, true,
			"0.1.0-dev, module v0.0.0-20261202210106-0123abcd, revision 0123abcd (2026-12-02T21:01:06Z)"},
		{"clone, modified", "0.1.0-dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "0123abcd", "vcs.modified", "true")}, true,
			"0.1.0-dev, revision 0123abcd, modified"},
		{"release build (-X)", "v2.0.0", &debug.BuildInfo{Main: debug.Module{Version: "v2.0.0"},
			Settings: vcs("vcs.revision", "ffff")}, true, "v2.0.0, revision ffff"},
		{"no build information", "0.1.0-dev", nil, false, "0.1.0-dev, unknown revision"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := buildVersion(c.base, c.info, c.ok); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestVersionFlag: `blinasim --version` prints the completed version on
// stdout and exits 0; the revision part is always there.
func TestVersionFlag(t *testing.T) {
	code, stdout, stderr := cli(t, context.Background(), t.TempDir(), "--version")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "blinasim version " + version + "\n"; stdout != want {
		t.Errorf("--version printed %q, want %q", stdout, want)
	}
	if !strings.Contains(stdout, "revision") {
		t.Errorf("--version should name the revision (or say it is unknown): %q", stdout)
	}
}

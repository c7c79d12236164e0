package main

import (
	"context"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestBuildVersion: the version line names the module version (or the -X
// version), the VCS revision, its time and whether the tree was modified, from
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
		x    string // -ldflags -X main.version
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go install @version", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "v1.2.3, unknown revision"},
		{"checkout, clean", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs", "git", "vcs.revision", "0123abcd", "vcs.time", "2026-12-02T21:01:06Z", "vcs.modified", "false")}, true,
			"(devel), revision 0123abcd (2026-12-02T21:01:06Z)"},
		{"checkout, modified", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202210106-0123abcd+dirty"},
			Settings: vcs("vcs.revision", "0123abcd", "vcs.modified", "true")}, true,
			"v0.0.0-20261202210106-0123abcd+dirty, revision 0123abcd, modified"},
		{"release build", "v2.0.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "ffff")}, true, "v2.0.0, revision ffff"},
		{"no build information", "", nil, false, "(devel), unknown revision"},
	} {
		t.Run(c.name, func(t *testing.T) {
			old := version
			version = c.x
			defer func() { version = old }()
			if got := buildVersion(c.info, c.ok); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestVersionFlag: `blinasim --version` prints this binary's version line
// and the Go toolchain and platform on stdout, and exits 0.
func TestVersionFlag(t *testing.T) {
	code, stdout, stderr := cli(t, context.Background(), t.TempDir(), "--version")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "blinasim " + programVersion() + "\n" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	if stdout != want {
		t.Errorf("--version printed %q, want %q", stdout, want)
	}
	if !strings.HasPrefix(stdout, "blinasim ") {
		t.Errorf("--version should start with the program name: %q", stdout)
	}
}

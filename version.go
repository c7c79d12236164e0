package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is the program's version when a release build sets it with
// -ldflags "-X main.version=v1.2.3"; otherwise buildVersion reads it from the
// module information the go command embeds.
var version = ""

// buildVersion returns the program's version: the -X version if set, else
// the main module's version as embedded by the go command ("v1.2.3" for
// `go install ...@v1.2.3`, a pseudo-version or "(devel)" for a build from a
// checkout), followed by the VCS revision, its commit time and "modified" if
// the working tree had uncommitted changes. A binary built without module or
// VCS information (go test, -buildvcs=false) says "unknown revision".
func buildVersion(info *debug.BuildInfo, ok bool) string {
	v := version
	if v == "" && ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	var rev, when string
	modified := false
	if ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if rev == "" {
		return v + ", unknown revision"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s, revision %s", v, rev)
	if when != "" {
		fmt.Fprintf(&b, " (%s)", when)
	}
	if modified {
		b.WriteString(", modified")
	}
	return b.String()
}

// programVersion is buildVersion of this binary.
func programVersion() string {
	info, ok := debug.ReadBuildInfo()
	return buildVersion(info, ok)
}

// versionTemplate is what `blinasim --version` prints: the version and
// revision, then the Go toolchain and platform.
func versionTemplate() string {
	return "blinasim " + programVersion() + "\n" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
}

package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// The version that `blinasim --version` prints and every manifest records is
// the source's version (main.go's version, or -ldflags "-X main.version=...")
// completed at start-up by the build information the go command embeds.
func init() {
	info, ok := debug.ReadBuildInfo()
	version = buildVersion(version, info, ok)
}

// buildVersion completes the source's version with the main module's version
// as the go command records it ("v1.2.3" for `go install ...@v1.2.3`, a
// pseudo-version for a build from a git clone; nothing for "(devel)"), the VCS
// revision, its commit time and "modified" if the working tree had
// uncommitted changes. A binary built without VCS information (go test,
// -buildvcs=false, a copy without .git) says "unknown revision".
func buildVersion(base string, info *debug.BuildInfo, ok bool) string {
	var b strings.Builder
	b.WriteString(base)
	if ok && info.Main.Version != "" && info.Main.Version != "(devel)" && info.Main.Version != base {
		fmt.Fprintf(&b, ", module %s", info.Main.Version)
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
		b.WriteString(", unknown revision")
		return b.String()
	}
	fmt.Fprintf(&b, ", revision %s", rev)
	if when != "" {
		fmt.Fprintf(&b, " (%s)", when)
	}
	if modified {
		b.WriteString(", modified")
	}
	return b.String()
}

package shard

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Loaded is a part read from a file, or the error reading it.
type Loaded struct {
	Path string
	Part *Part // nil when Err is set
	Err  error
}

// MergeError lists every reason a set of part files does not form one whole
// run, each naming its file, and what to rerun.
type MergeError struct {
	Problems []string
	Rerun    []string // commands that rerun the missing shards
}

func (e *MergeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the parts do not form one whole run (%d problem(s)):", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - " + p)
	}
	if len(e.Rerun) > 0 {
		b.WriteString("\nrerun the missing shards with:")
		for _, r := range e.Rerun {
			b.WriteString("\n  " + r)
		}
	}
	return b.String()
}

// Check checks that parts are the N parts of one run: every file whole and
// of this program's format; the same program version, command, model, seed,
// settings and shard count N; each shard 0..N-1 exactly once. It returns the
// parts in shard order, or a *MergeError naming every problem: the run most
// parts agree on is taken as the run, and a part of another is named with
// what differs.
func Check(loaded []Loaded) ([]*Part, error) {
	e := &MergeError{}
	var good []Loaded
	for _, l := range loaded {
		if l.Err != nil {
			e.Problems = append(e.Problems, fmt.Sprintf("%s: %v", l.Path, l.Err))
			continue
		}
		good = append(good, l)
	}
	if len(good) == 0 {
		if len(e.Problems) == 0 {
			e.Problems = append(e.Problems, "no part files ("+Ext+") found")
		}
		return nil, e
	}
	ref := majority(good)
	byShard := map[int]Loaded{}
	for _, l := range good {
		if d := differs(ref, l.Part.Header); d != "" {
			e.Problems = append(e.Problems, fmt.Sprintf("%s: a part of another run: %s", l.Path, d))
			continue
		}
		if l.Part.Shard < 0 || l.Part.Shard >= ref.Shards {
			e.Problems = append(e.Problems, fmt.Sprintf("%s: shard %d is not within 0..%d", l.Path, l.Part.Shard, ref.Shards-1))
			continue
		}
		if prev, ok := byShard[l.Part.Shard]; ok {
			e.Problems = append(e.Problems, fmt.Sprintf("%s: shard %d/%d is given twice (also %s)", l.Path, l.Part.Shard, ref.Shards, prev.Path))
			continue
		}
		byShard[l.Part.Shard] = l
	}
	var missing []int
	for k := 0; k < ref.Shards; k++ {
		if _, ok := byShard[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		e.Problems = append(e.Problems, fmt.Sprintf("shard(s) %s of %d missing", Ranges(missing), ref.Shards))
		for _, k := range missing[:min(len(missing), 5)] {
			e.Rerun = append(e.Rerun, RerunCommand(ref.Args, k, ref.Shards))
		}
		if len(missing) > 5 {
			e.Rerun = append(e.Rerun, fmt.Sprintf("... and %d more", len(missing)-5))
		}
		e.Rerun = append(e.Rerun, "or resubmit their tasks of the script of 'blinasim plan slurm': sbatch --array="+Ranges(missing)+" SCRIPT",
			"  (when it has a task per shard; with T tasks, shard k is task k mod T)")
	}
	if len(e.Problems) > 0 {
		return nil, e
	}
	parts := make([]*Part, ref.Shards)
	for k, l := range byShard {
		parts[k] = l.Part
	}
	return parts, nil
}

// runKey is what parts of one run share.
func runKey(h Header) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%d\x00%s", h.Program, h.Version, h.Build, h.Platform, h.Command, h.ModelHash,
		h.Seed, h.Shards, h.Settings)
}

// majority returns the header of the run most parts belong to (the first
// file's on a tie).
func majority(ls []Loaded) Header {
	counts := map[string]int{}
	best := ls[0].Part.Header
	for _, l := range ls {
		k := runKey(l.Part.Header)
		counts[k]++
		if counts[k] > counts[runKey(best)] {
			best = l.Part.Header
		}
	}
	return best
}

// differs says how h differs from the run ref, or "" if it does not.
func differs(ref, h Header) string {
	short := func(s string) string { return s[:min(len(s), 12)] }
	var d []string
	if h.Program != ref.Program || h.Version != ref.Version || h.Build != ref.Build {
		d = append(d, fmt.Sprintf("written by %s %s (build %q), not %s %s (build %q)", h.Program, h.Version, h.Build, ref.Program, ref.Version, ref.Build))
	}
	if h.Platform != ref.Platform {
		d = append(d, fmt.Sprintf("run on %s, not %s", h.Platform, ref.Platform))
	}
	if h.Command != ref.Command {
		d = append(d, fmt.Sprintf("command %s, not %s", h.Command, ref.Command))
	}
	if h.ModelHash != ref.ModelHash {
		d = append(d, fmt.Sprintf("model hash %s…, not %s…", short(h.ModelHash), short(ref.ModelHash)))
	}
	if h.Seed != ref.Seed {
		d = append(d, fmt.Sprintf("seed %d, not %d", h.Seed, ref.Seed))
	}
	if h.Shards != ref.Shards {
		d = append(d, fmt.Sprintf("%d shards, not %d", h.Shards, ref.Shards))
	}
	if len(d) == 0 && !bytes.Equal(h.Settings, ref.Settings) {
		d = append(d, settingsDiffer(ref.Settings, h.Settings))
	}
	return strings.Join(d, "; ")
}

// Ranges writes sorted shard numbers as Slurm writes an array: 0-3,7,9-10.
func Ranges(ks []int) string {
	ks = append([]int(nil), ks...)
	sort.Ints(ks)
	var out []string
	for i := 0; i < len(ks); {
		j := i
		for j+1 < len(ks) && ks[j+1] == ks[j]+1 {
			j++
		}
		if j == i {
			out = append(out, strconv.Itoa(ks[i]))
		} else {
			out = append(out, fmt.Sprintf("%d-%d", ks[i], ks[j]))
		}
		i = j + 1
	}
	return strings.Join(out, ",")
}

// RerunCommand is the shard's command line args with its --shard set to k/n,
// quoted for a POSIX shell.
func RerunCommand(args []string, k, n int) string {
	var out []string
	set := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--shard" && i+1 < len(args):
			out = append(out, a, fmt.Sprintf("%d/%d", k, n))
			i++
			set = true
			continue
		case strings.HasPrefix(a, "--shard="):
			out = append(out, fmt.Sprintf("--shard=%d/%d", k, n))
			set = true
			continue
		}
		out = append(out, a)
	}
	if !set {
		out = append(out, "--shard", fmt.Sprintf("%d/%d", k, n))
	}
	for i, a := range out {
		out[i] = Quote(a)
	}
	return strings.Join(out, " ")
}

// Quote quotes s for a POSIX shell when it needs it.
func Quote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

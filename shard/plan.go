package shard

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Slurm is the plan of a sharded run as a Slurm batch script: a job array
// whose tasks run the shards, and a merge job that runs once every task has
// succeeded.
type Slurm struct {
	Args   []string // the blinasim command to shard, without the program name and --shard, e.g. run m.yaml --psa 1000
	Shards int      // N ≥ 1
	// MaxArraySize is the cluster's MaxArraySize (scontrol show config): an
	// array's indices must be below it. The array has min(Shards,
	// MaxArraySize) tasks, and task t runs shards t, t + tasks, ...
	MaxArraySize int
	Parts        string // folder for the part files (shared by every node)
	Merged       string // folder the merge writes; "": merge's default
	JobName      string
	Time         string // per task, Slurm's format (e.g. 1:00:00); "": the partition's default
	CPUs         int    // per task; 0: 1
	Mem          string // per task (e.g. 4G); "": the partition's default
	Partition    string // "": the default
	Account      string // "": the default
	Binary       string // the blinasim program on the nodes; "": blinasim on PATH
}

// Tasks is the number of array tasks.
func (s Slurm) Tasks() int { return min(s.Shards, max(1, s.MaxArraySize)) }

// WriteSlurm writes the batch script. Submitted with `sbatch SCRIPT`, it runs
// as an array of Tasks() tasks; the first task of the array submits the merge
// job, which depends on the array (afterok: it runs only if every task
// succeeds). An array submitted again for missing shards (sbatch --array=3,5
// SCRIPT) submits its own merge.
func WriteSlurm(w io.Writer, s Slurm) error {
	if s.Shards < 1 || len(s.Args) == 0 {
		return fmt.Errorf("plan slurm: need a command and at least 1 shard")
	}
	cpus := max(1, s.CPUs)
	bin := s.Binary
	if bin == "" {
		bin = "blinasim"
	}
	name := s.JobName
	if name == "" {
		name = "blinasim"
	}
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	p("#!/bin/bash")
	p("# A sharded blinasim run, written by blinasim plan slurm. Submit it with: sbatch THIS_FILE")
	p("# %d shards in %d array tasks (MaxArraySize %d); the first task submits the merge job.", s.Shards, s.Tasks(), s.MaxArraySize)
	p("#SBATCH --job-name=%s", name)
	p("#SBATCH --array=0-%d", s.Tasks()-1)
	p("#SBATCH --cpus-per-task=%d", cpus)
	p("#SBATCH --output=%%x-%%A_%%a.out")
	for _, o := range [][2]string{{"time", s.Time}, {"mem", s.Mem}, {"partition", s.Partition}, {"account", s.Account}} {
		if o[1] != "" {
			p("#SBATCH --%s=%s", o[0], o[1])
		}
	}
	p("set -euo pipefail")
	p("BLINASIM=\"${BLINASIM:-%s}\"", bin)
	p("SHARDS=%d", s.Shards)
	p("TASKS=%d", s.Tasks())
	p("PARTS=%s", Quote(s.Parts))
	p("mkdir -p \"$PARTS\"")
	merge := []string{"\"$BLINASIM\"", "merge", "\"$PARTS\""}
	if s.Merged != "" {
		merge = append(merge, "--out", Quote(s.Merged))
	}
	p("if [ \"$SLURM_ARRAY_TASK_ID\" = \"${SLURM_ARRAY_TASK_MIN:-0}\" ]; then")
	p("  # The merge: once every task of this array has succeeded.")
	var opts []string
	for _, o := range [][2]string{{"time", s.Time}, {"mem", s.Mem}, {"partition", s.Partition}, {"account", s.Account}} {
		if o[1] != "" {
			opts = append(opts, "--"+o[0]+"="+Quote(o[1]))
		}
	}
	p("  sbatch --parsable --job-name=%s-merge --dependency=afterok:\"$SLURM_ARRAY_JOB_ID\" --cpus-per-task=%d %s\\", name, cpus,
		strings.Join(append(opts, ""), " "))
	p("    --output=\"%s-merge-%%j.out\" --wrap=\"%s\"", name, strings.ReplaceAll(strings.Join(merge, " "), `"`, `\"`))
	p("fi")
	args := make([]string, len(s.Args))
	for i, a := range s.Args {
		args[i] = Quote(a)
	}
	p("for ((k = SLURM_ARRAY_TASK_ID; k < SHARDS; k += TASKS)); do")
	p("  \"$BLINASIM\" %s --workers \"$SLURM_CPUS_PER_TASK\" --quiet --out \"$PARTS\" --shard \"$k/$SHARDS\"", strings.Join(args, " "))
	p("done")
	return b.Flush()
}

// MaxArraySize reads MaxArraySize from the output of `scontrol show config`,
// or returns 0 if it is not there.
func MaxArraySize(config string) int {
	sc := bufio.NewScanner(strings.NewReader(config))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if ok && strings.TrimSpace(k) == "MaxArraySize" {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}

// K8s is the plan of a sharded run as a Kubernetes Indexed Job: one pod per
// shard (JOB_COMPLETION_INDEX is its shard), writing its part into a volume
// that every pod shares.
type K8s struct {
	Args        []string // as Slurm.Args
	Shards      int      // N ≥ 1: the Job's completions
	Parallelism int      // pods at once; 0: Shards
	Name        string   // the Job's name
	Image       string   // a container image with blinasim on PATH
	CPUs        int      // per pod; 0: 1
	Memory      string   // per pod, e.g. 4Gi; "": none requested
	Claim       string   // the PersistentVolumeClaim (ReadWriteMany) mounted at /parts
}

// WriteK8s writes the Job's manifest (YAML). The merge runs after the Job
// completes: blinasim merge on the volume (the manifest's comment says how).
func WriteK8s(w io.Writer, k K8s) error {
	if k.Shards < 1 || len(k.Args) == 0 || k.Image == "" || k.Claim == "" {
		return fmt.Errorf("plan k8s: need a command, at least 1 shard, an image and a volume claim")
	}
	par := k.Parallelism
	if par <= 0 || par > k.Shards {
		par = k.Shards
	}
	cpus := max(1, k.CPUs)
	name := k.Name
	if name == "" {
		name = "blinasim"
	}
	cmd := append([]string{"blinasim"}, k.Args...)
	cmd = append(cmd, "--workers", strconv.Itoa(cpus), "--quiet", "--out", "/parts", "--shard", fmt.Sprintf("auto/%d", k.Shards))
	q := make([]string, len(cmd))
	for i, c := range cmd {
		q[i] = strconv.Quote(c)
	}
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	p("# A sharded blinasim run, written by blinasim plan k8s: kubectl apply -f THIS_FILE")
	p("# Then, once the Job has completed, merge the parts on the volume %s:", k.Claim)
	p("#   blinasim merge /parts")
	p("apiVersion: batch/v1")
	p("kind: Job")
	p("metadata:")
	p("  name: %s", name)
	p("spec:")
	p("  completionMode: Indexed")
	p("  completions: %d", k.Shards)
	p("  parallelism: %d", par)
	p("  backoffLimitPerIndex: 2 # retries per shard (Kubernetes ≥ 1.29; on older clusters write backoffLimit instead)")
	p("  template:")
	p("    spec:")
	p("      restartPolicy: Never")
	p("      containers:")
	p("        - name: shard")
	p("          image: %s", strconv.Quote(k.Image))
	p("          command: [%s]", strings.Join(q, ", "))
	p("          resources:")
	p("            requests:")
	p("              cpu: \"%d\"", cpus)
	if k.Memory != "" {
		p("              memory: %s", strconv.Quote(k.Memory))
	}
	p("          volumeMounts:")
	p("            - name: parts")
	p("              mountPath: /parts")
	p("      volumes:")
	p("        - name: parts")
	p("          persistentVolumeClaim:")
	p("            claimName: %s", strconv.Quote(k.Claim))
	return b.Flush()
}

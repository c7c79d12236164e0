package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/blinasim/blinasim/shard"
	"github.com/spf13/cobra"
)

// defaultMaxArraySize is Slurm's default MaxArraySize (slurm.conf(5)).
const defaultMaxArraySize = 1001

func newPlanCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plan slurm|k8s [flags] -- COMMAND [ARGS...]",
		Short: "Write a batch script that runs a command in shards on a cluster, then merges them",
		Long: `Write the batch script of a sharded run to stdout (or --file): COMMAND [ARGS...] is
a blinasim command that can run in shards (run, compare, run --psa, sensitivity, trial),
without --shard or --out, e.g.

  blinasim plan slurm --shards 100 --cpus 8 --time 2:00:00 -- run model.yaml --psa 1000 > psa.sbatch
  sbatch psa.sbatch

plan slurm writes an sbatch script: a job array over the shards (at most
MaxArraySize tasks, read from 'scontrol show config' when it answers, else
--max-array-size; several shards per task beyond it) and a merge job that runs
once every task has succeeded (--dependency=afterok). plan k8s writes a
Kubernetes Indexed Job, one pod per shard, writing into a shared volume.`,
	}
	cmd.AddCommand(newPlanSlurmCmd(), newPlanK8sCmd())
	return cmd
}

// planCommand checks the command to shard.
func planCommand(args []string) error {
	if len(args) == 0 {
		return usageError{fmt.Errorf("give the command to shard after --, e.g. -- run model.yaml --psa 1000")}
	}
	if !slices.Contains([]string{"run", "compare", "sensitivity", "trial"}, args[0]) {
		return usageError{fmt.Errorf("%q cannot run in shards: give run, compare, sensitivity or trial", args[0])}
	}
	for _, a := range args {
		if a == "--shard" || strings.HasPrefix(a, "--shard=") || a == "--out" || strings.HasPrefix(a, "--out=") {
			return usageError{fmt.Errorf("leave %s out of the command: the plan sets it", strings.SplitN(a, "=", 2)[0])}
		}
	}
	return nil
}

func newPlanSlurmCmd() *cobra.Command {
	var s shard.Slurm
	var file string
	cmd := &cobra.Command{
		Use:   "slurm [flags] -- COMMAND [ARGS...]",
		Short: "Write an sbatch script: a job array over the shards and a dependent merge job",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := planCommand(args); err != nil {
				return err
			}
			s.Args = args
			if s.Shards < 1 || s.Shards > shard.MaxShards {
				return usageError{fmt.Errorf("--shards must be within 1..%d (got %d)", shard.MaxShards, s.Shards)}
			}
			if !cmd.Flags().Changed("max-array-size") {
				if n := scontrolMaxArraySize(cmd.Context()); n > 0 {
					s.MaxArraySize = n
				}
			}
			if s.MaxArraySize < 1 {
				return usageError{fmt.Errorf("--max-array-size must be ≥ 1 (got %d)", s.MaxArraySize)}
			}
			return writePlan(file, cmd.OutOrStdout(), func(w io.Writer) error { return shard.WriteSlurm(w, s) })
		},
	}
	f := cmd.Flags()
	f.IntVar(&s.Shards, "shards", 0, "number of shards N")
	f.IntVar(&s.MaxArraySize, "max-array-size", defaultMaxArraySize, "the cluster's MaxArraySize (default: from 'scontrol show config', else Slurm's default)")
	f.StringVar(&s.Parts, "parts", "parts", "folder for the part files, on a file system every node shares")
	f.StringVar(&s.Merged, "merged", "", "folder the merge job writes the outputs into (default: the run's, e.g. out/<model name>)")
	f.StringVar(&s.JobName, "job-name", "blinasim", "Slurm job name")
	f.StringVar(&s.Time, "time", "", "time limit per task (e.g. 2:00:00)")
	f.IntVar(&s.CPUs, "cpus", 1, "CPUs per task (the shard's --workers)")
	f.StringVar(&s.Mem, "mem", "", "memory per task (e.g. 4G)")
	f.StringVar(&s.Partition, "partition", "", "Slurm partition")
	f.StringVar(&s.Account, "account", "", "Slurm account")
	f.StringVar(&s.Binary, "binary", "", "path of blinasim on the nodes (default: blinasim on PATH; $BLINASIM overrides at run time)")
	f.StringVar(&file, "file", "", "write the script to this file (default: stdout)")
	return cmd
}

func newPlanK8sCmd() *cobra.Command {
	var k shard.K8s
	var file string
	cmd := &cobra.Command{
		Use:   "k8s [flags] -- COMMAND [ARGS...]",
		Short: "Write a Kubernetes Indexed Job manifest: one pod per shard",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := planCommand(args); err != nil {
				return err
			}
			k.Args = args
			if k.Shards < 1 || k.Shards > shard.MaxShards {
				return usageError{fmt.Errorf("--shards must be within 1..%d (got %d)", shard.MaxShards, k.Shards)}
			}
			if k.Image == "" || k.Claim == "" {
				return usageError{fmt.Errorf("give --image (with blinasim on PATH) and --claim (a ReadWriteMany volume claim for the parts)")}
			}
			return writePlan(file, cmd.OutOrStdout(), func(w io.Writer) error { return shard.WriteK8s(w, k) })
		},
	}
	f := cmd.Flags()
	f.IntVar(&k.Shards, "shards", 0, "number of shards N (the Job's completions)")
	f.IntVar(&k.Parallelism, "parallelism", 0, "pods at once (default: all)")
	f.StringVar(&k.Name, "name", "blinasim", "the Job's name")
	f.StringVar(&k.Image, "image", "", "container image with blinasim on PATH")
	f.IntVar(&k.CPUs, "cpus", 1, "CPUs per pod (the shard's --workers)")
	f.StringVar(&k.Memory, "memory", "", "memory per pod (e.g. 4Gi)")
	f.StringVar(&k.Claim, "claim", "", "PersistentVolumeClaim mounted at /parts, shared by the pods")
	f.StringVar(&file, "file", "", "write the manifest to this file (default: stdout)")
	return cmd
}

// writePlan writes a plan to file (executable), or to stdout if file is "".
func writePlan(file string, stdout io.Writer, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return usageError{err}
	}
	if file == "" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	return os.WriteFile(file, b.Bytes(), 0o755)
}

// scontrolMaxArraySize asks the cluster's controller for its MaxArraySize; 0
// when scontrol is not there or does not answer within a few seconds.
func scontrolMaxArraySize(ctx context.Context) int {
	if _, err := exec.LookPath("scontrol"); err != nil {
		return 0
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "scontrol", "show", "config").Output()
	if err != nil {
		return 0
	}
	return shard.MaxArraySize(string(out))
}

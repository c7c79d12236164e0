package shard

import (
	"fmt"
	"strconv"
	"strings"
)

// Spec is one shard of a run split into N: shard K, 0 ≤ K < N (the index a
// scheduler's array gives, which counts from 0).
type Spec struct{ K, N int }

func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// MaxShards bounds N: more parts than this would be more files than a merge
// should open.
const MaxShards = 1_000_000

// Parse reads a --shard value: "K/N"; "auto", the index and count from the
// scheduler's environment; or "auto/N", the index from the environment and N
// given. getenv reads the environment (os.Getenv; injected for tests).
//
// The index comes from, in order: SLURM_ARRAY_TASK_ID (minus
// SLURM_ARRAY_TASK_MIN, so an array 1-10 gives 0..9), Kubernetes's
// JOB_COMPLETION_INDEX (an Indexed Job), and AWS Batch's
// AWS_BATCH_JOB_ARRAY_INDEX. The count, unless given, from
// SLURM_ARRAY_TASK_COUNT or AWS_BATCH_JOB_ARRAY_SIZE (which AWS Batch does not
// set itself: set it in the job definition, or use auto/N).
func Parse(s string, getenv func(string) string) (Spec, error) {
	k, n, ok := strings.Cut(s, "/")
	if k == "auto" {
		return auto(n, ok, getenv)
	}
	if !ok {
		return Spec{}, fmt.Errorf("--shard %q: want K/N (shard K of N, counting from 0, e.g. 0/8), auto or auto/N", s)
	}
	var sp Spec
	var err error
	if sp.N, err = count(n); err != nil {
		return Spec{}, fmt.Errorf("--shard %q: %w", s, err)
	}
	if sp.K, err = strconv.Atoi(k); err != nil || sp.K < 0 || sp.K >= sp.N {
		return Spec{}, fmt.Errorf("--shard %q: K must be a whole number from 0 to N-1 = %d", s, sp.N-1)
	}
	return sp, nil
}

// count reads a shard count N.
func count(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxShards {
		return 0, fmt.Errorf("N must be a whole number from 1 to %d (got %q)", MaxShards, s)
	}
	return n, nil
}

// auto reads the shard from the scheduler's environment.
func auto(nGiven string, hasN bool, getenv func(string) string) (Spec, error) {
	var sp Spec
	var err error
	if hasN {
		if sp.N, err = count(nGiven); err != nil {
			return Spec{}, fmt.Errorf("--shard auto/%s: %w", nGiven, err)
		}
	}
	num := func(name string) (int, bool, error) {
		v := getenv(name)
		if v == "" {
			return 0, false, nil
		}
		x, err := strconv.Atoi(v)
		if err != nil || x < 0 {
			return 0, true, fmt.Errorf("--shard auto: %s=%q is not a whole number ≥ 0", name, v)
		}
		return x, true, nil
	}
	sources := []struct{ index, min, count string }{
		{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT"},
		{"JOB_COMPLETION_INDEX", "", ""},
		{"AWS_BATCH_JOB_ARRAY_INDEX", "", "AWS_BATCH_JOB_ARRAY_SIZE"},
	}
	for _, src := range sources {
		idx, ok, err := num(src.index)
		if err != nil {
			return Spec{}, err
		}
		if !ok {
			continue
		}
		if src.min != "" {
			lo, _, err := num(src.min)
			if err != nil {
				return Spec{}, err
			}
			idx -= lo
		}
		sp.K = idx
		if !hasN {
			c, ok, err := num(src.count)
			switch {
			case err != nil:
				return Spec{}, err
			case !ok || c < 1:
				return Spec{}, fmt.Errorf("--shard auto: %s=%d but no shard count in the environment: use --shard auto/N", src.index, idx)
			}
			sp.N = c
		}
		if sp.K < 0 || sp.K >= sp.N {
			return Spec{}, fmt.Errorf("--shard auto: %s gives shard %d, not within 0..%d", src.index, sp.K, sp.N-1)
		}
		return sp, nil
	}
	return Spec{}, fmt.Errorf("--shard auto: no array index in the environment (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX): give --shard K/N")
}

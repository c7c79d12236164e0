package shard_test

import (
	"fmt"

	"github.com/blinasim/blinasim/shard"
)

// The shard of a Slurm array task: the array 1-8 runs shards 0..7 of 8.
func ExampleParse() {
	env := map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "8"}
	sp, err := shard.Parse("auto", func(k string) string { return env[k] })
	fmt.Println(sp, err, shard.Name(sp.K, sp.N))
	// Output: 2/8 <nil> part-2-of-8.blinasim-part
}

// Missing shards, written as an sbatch --array range to resubmit them.
func ExampleRanges() {
	fmt.Println(shard.Ranges([]int{12, 3, 4, 5, 9}))
	// Output: 3-5,9,12
}

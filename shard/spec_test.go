package shard

import (
	"strings"
	"testing"
)

// TestParse reads K/N and the index and count of each scheduler's array.
func TestParse(t *testing.T) {
	for _, c := range []struct {
		name, flag string
		env        map[string]string
		want       Spec
		err        string
	}{
		{"explicit", "3/8", nil, Spec{3, 8}, ""},
		{"first of one", "0/1", nil, Spec{0, 1}, ""},
		{"K past N", "8/8", nil, Spec{}, "K must be a whole number from 0 to N-1 = 7"},
		{"negative K", "-1/8", nil, Spec{}, "K must be"},
		{"no N", "3", nil, Spec{}, "want K/N"},
		{"zero N", "0/0", nil, Spec{}, "N must be a whole number from 1"},
		{"Slurm array 0-9", "auto", map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "10"}, Spec{4, 10}, ""},
		{"Slurm array 1-10 counts from its min", "auto", map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "10"}, Spec{0, 10}, ""},
		{"Slurm with N given", "auto/20", map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "10"}, Spec{7, 20}, ""},
		{"Kubernetes indexed job", "auto/5", map[string]string{"JOB_COMPLETION_INDEX": "4"}, Spec{4, 5}, ""},
		{"Kubernetes without a count", "auto", map[string]string{"JOB_COMPLETION_INDEX": "4"}, Spec{}, "use --shard auto/N"},
		{"AWS Batch", "auto", map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "2", "AWS_BATCH_JOB_ARRAY_SIZE": "3"}, Spec{2, 3}, ""},
		{"index past the count", "auto/4", map[string]string{"JOB_COMPLETION_INDEX": "4"}, Spec{}, "gives shard 4, not within 0..3"},
		{"no scheduler", "auto", nil, Spec{}, "no array index in the environment"},
		{"garbled index", "auto/4", map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, Spec{}, `SLURM_ARRAY_TASK_ID="x" is not a whole number`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.flag, func(k string) string { return c.env[k] })
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err %v; want one saying %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %v, %v; want %v", got, err, c.want)
			}
		})
	}
}

// TestRangesAndRerun: missing shards are listed as a Slurm array is, and
// the rerun command replaces --shard in either spelling, quoting for a shell.
func TestRangesAndRerun(t *testing.T) {
	if got := Ranges([]int{9, 0, 1, 2, 3, 7, 10}); got != "0-3,7,9-10" {
		t.Errorf("Ranges = %q", got)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"blinasim", "run", "m.yaml", "--shard", "auto", "--out", "p"}, "blinasim run m.yaml --shard 2/5 --out p"},
		{[]string{"blinasim", "run", "--shard=1/5", "my model.yaml"}, "blinasim run --shard=2/5 'my model.yaml'"},
		{[]string{"blinasim", "sensitivity"}, "blinasim sensitivity --shard 2/5"},
	} {
		if got := RerunCommand(c.args, 2, 5); got != c.want {
			t.Errorf("RerunCommand(%q) = %q; want %q", c.args, got, c.want)
		}
	}
}

package shard

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSlurmScript runs the written sbatch script under bash as each task of
// its array would run (with fake sbatch and blinasim that log their
// arguments): every shard runs exactly once, at most MaxArraySize tasks, and
// the first task alone submits the merge, after the array (afterok).
func TestSlurmScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to run the script: apt-get install bash")
	}
	for _, c := range []struct{ shards, maxArray, tasks int }{{5, 1001, 5}, {10, 4, 4}, {1, 1001, 1}, {7, 1, 1}} {
		dir := t.TempDir()
		var b bytes.Buffer
		s := Slurm{Args: []string{"run", "my model.yaml", "--psa", "100"}, Shards: c.shards, MaxArraySize: c.maxArray, Parts: "parts",
			Merged: "out/psa", CPUs: 4, Time: "1:00:00"}
		if err := WriteSlurm(&b, s); err != nil {
			t.Fatal(err)
		}
		script := b.String()
		want := regexp.MustCompile(`(?m)^#SBATCH --array=0-(\d+)$`).FindStringSubmatch(script)
		if want == nil || want[1] != itoa(c.tasks-1) {
			t.Fatalf("%d shards, MaxArraySize %d: array %v; want 0-%d\n%s", c.shards, c.maxArray, want, c.tasks-1, script)
		}
		for _, l := range []string{"#SBATCH --cpus-per-task=4", "#SBATCH --time=1:00:00"} {
			if !strings.Contains(script, l+"\n") {
				t.Errorf("no %q line", l)
			}
		}
		path := filepath.Join(dir, "job.sbatch")
		fake := filepath.Join(dir, "fake")
		log := filepath.Join(dir, "log")
		write(t, path, script)
		write(t, fake, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> "+log+"\n")
		if err := os.Symlink(fake, filepath.Join(dir, "sbatch")); err != nil {
			t.Fatal(err)
		}
		for task := range c.tasks {
			cmd := exec.Command(bash, path)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + dir + ":/usr/bin:/bin", "BLINASIM=" + fake, "SLURM_ARRAY_TASK_ID=" + itoa(task),
				"SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_JOB_ID=77", "SLURM_CPUS_PER_TASK=4"}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("task %d: %v\n%s", task, err, out)
			}
		}
		got, _ := os.ReadFile(log)
		var shards []string
		merges := 0
		for _, line := range strings.Split(strings.TrimSpace(string(got)), "\n") {
			switch {
			case strings.HasPrefix(line, "fake run my model.yaml --psa 100 --workers 4 --quiet --out parts --shard "):
				shards = append(shards, line[strings.LastIndex(line, " ")+1:])
			case strings.HasPrefix(line, "sbatch ") && strings.Contains(line, "--dependency=afterok:77") &&
				strings.Contains(line, `merge "parts" --out out/psa`):
				merges++
			default:
				t.Errorf("unexpected call: %s", line)
			}
		}
		slices.Sort(shards)
		var want2 []string
		for k := range c.shards {
			want2 = append(want2, itoa(k)+"/"+itoa(c.shards))
		}
		slices.Sort(want2)
		if !slices.Equal(shards, want2) || merges != 1 {
			t.Errorf("%d shards in %d tasks: ran %v and %d merges; want each shard once and 1 merge", c.shards, c.tasks, shards, merges)
		}
	}
}

// TestMaxArraySize reads scontrol show config's line.
func TestMaxArraySize(t *testing.T) {
	cfg := "Configuration data as of 2026-12-02T21:00:00\nMailProg                = /bin/mail\nMaxArraySize            = 4\nMaxJobCount = 10000\n"
	if got := MaxArraySize(cfg); got != 4 {
		t.Errorf("got %d", got)
	}
	if got := MaxArraySize("nothing"); got != 0 {
		t.Errorf("got %d", got)
	}
}

// TestK8sManifest: the manifest is an Indexed Job of N completions whose
// pods run the command with --shard auto/N, which reads the pod's
// JOB_COMPLETION_INDEX, and write into the shared claim.
func TestK8sManifest(t *testing.T) {
	var b bytes.Buffer
	if err := WriteK8s(&b, K8s{Args: []string{"sensitivity", "m.yaml"}, Shards: 12, Parallelism: 4, Image: "registry/blinasim:1",
		CPUs: 8, Memory: "4Gi", Claim: "parts"}); err != nil {
		t.Fatal(err)
	}
	var job struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string
		Spec       struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int
			Parallelism    int
			Template       struct {
				Spec struct {
					RestartPolicy string `yaml:"restartPolicy"`
					Containers    []struct {
						Image     string
						Command   []string
						Resources struct{ Requests map[string]string }
						Mounts    []struct {
							Name      string
							MountPath string `yaml:"mountPath"`
						} `yaml:"volumeMounts"`
					}
					Volumes []struct {
						Name string
						PVC  struct {
							ClaimName string `yaml:"claimName"`
						} `yaml:"persistentVolumeClaim"`
					}
				}
			}
		}
	}
	if err := yaml.Unmarshal(b.Bytes(), &job); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	ts := job.Spec.Template.Spec
	if job.APIVersion != "batch/v1" || job.Kind != "Job" || job.Spec.CompletionMode != "Indexed" || job.Spec.Completions != 12 ||
		job.Spec.Parallelism != 4 || ts.RestartPolicy != "Never" || len(ts.Containers) != 1 || len(ts.Volumes) != 1 {
		t.Fatalf("job %+v", job)
	}
	c := ts.Containers[0]
	wantCmd := []string{"blinasim", "sensitivity", "m.yaml", "--workers", "8", "--quiet", "--out", "/parts", "--shard", "auto/12"}
	if c.Image != "registry/blinasim:1" || !slices.Equal(c.Command, wantCmd) || c.Resources.Requests["cpu"] != "8" ||
		c.Resources.Requests["memory"] != "4Gi" || len(c.Mounts) != 1 || c.Mounts[0].MountPath != "/parts" ||
		c.Mounts[0].Name != ts.Volumes[0].Name || ts.Volumes[0].PVC.ClaimName != "parts" {
		t.Errorf("container %+v, volumes %+v", c, ts.Volumes)
	}
	// The pod with index 11 runs the last shard.
	sp, err := Parse(c.Command[len(c.Command)-1], func(k string) string {
		return map[string]string{"JOB_COMPLETION_INDEX": "11"}[k]
	})
	if err != nil || sp != (Spec{11, 12}) {
		t.Errorf("pod 11 runs %v, %v", sp, err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o755); err != nil {
		t.Fatal(err)
	}
}

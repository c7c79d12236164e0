package main

import (
	"testing"
	"time"
)

// TestProgressLine: the bar, the share done, the rate and the time left at
// that rate (none before the first patient or after the last).
func TestProgressLine(t *testing.T) {
	for _, c := range []struct {
		name     string
		n, total int64
		elapsed  time.Duration
		want     string
	}{
		{"start", 0, 1000, 0, "[                              ]   0% 0/1000 patients, 0M/s "},
		{"a tenth in 2s", 1_000_000, 10_000_000, 2 * time.Second,
			"[###                           ]  10% 1000000/10000000 patients, 0.5M/s, 18s left "},
		{"half in 100s", 5_000_000, 10_000_000, 100 * time.Second,
			"[###############               ]  50% 5000000/10000000 patients, 0.05M/s, 1m40s left "},
		{"a second of two hours", 1_000_000, 7_201_000_000, time.Second,
			"[                              ]   0% 1000000/7201000000 patients, 1M/s, 2h00m left "},
		{"done", 3_000_000, 3_000_000, 3 * time.Second, "[##############################] 100% 3000000/3000000 patients, 1M/s "},
	} {
		if got := progressLine(c.n, c.total, c.elapsed); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestFormatLeft(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{0, "0s"}, {1500 * time.Millisecond, "2s"}, {59 * time.Second, "59s"}, {60 * time.Second, "1m00s"},
		{3599 * time.Second, "59m59s"}, {3600 * time.Second, "1h00m"}, {26*time.Hour + 5*time.Minute, "26h05m"}} {
		if got := formatLeft(c.d); got != c.want {
			t.Errorf("formatLeft(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

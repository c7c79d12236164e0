package fit

import (
	"context"
	"testing"
)

// BenchmarkCalibrate4x5 calibrates the 4-parameter response model to its 5
// targets with the default settings (20 000 patients per evaluation, 5 starts,
// at most 400 evaluations each): the issue asks for under a minute.
//
//	go test ./fit -run '^$' -bench Calibrate4x5 -benchtime 1x
func BenchmarkCalibrate4x5(b *testing.B) {
	m := responseModel(0.45, 0.4, 0.25, 0.12)
	publish(b, m, 64)
	start := responseModel(0.3, 0.6, 0.5, 0.06)
	start.Targets = m.Targets
	for b.Loop() {
		f, err := Calibrate(context.Background(), start, Settings{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(f.Evaluations), "evaluations/op")
	}
}

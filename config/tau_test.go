package config

import (
	"errors"
	"strings"
	"testing"
)

// withEndpoint returns tiny (in months, horizon 100y ≈ 1199.9 months) with one
// endpoint, on line 11, written as the YAML flow map body.
func withEndpoint(body string) string {
	return withTop("endpoints:\n  - {name: e, events: [dead], " + body + "}\n")
}

// TestTau: an endpoint's `tau` is a time (a number in the model's unit or a
// duration), read as such and written back by Marshal; a tau that is not
// > 0 and ≤ the horizon, or not a time, is rejected naming the file, line,
// key and what is allowed.
func TestTau(t *testing.T) {
	for _, c := range []struct{ body string }{{"tau: 48"}, {"tau: 48mo"}, {"tau: '48 months'"}} {
		m, err := loadFiles(map[string]string{"m.yaml": withEndpoint(c.body)}, "m.yaml", Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.body, err)
		}
		if got := m.Endpoints[0].Tau; got != 48 {
			t.Errorf("%s: tau %v, want 48 months", c.body, got)
		}
		out, err := Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), "tau: 48") {
			t.Errorf("%s: Marshal lost tau:\n%s", c.body, out)
		}
		back, err := loadFiles(map[string]string{"model.yaml": string(out)}, "model.yaml", Options{})
		if err != nil || back.Endpoints[0].Tau != 48 {
			t.Errorf("%s: read back: %v, %v", c.body, back, err)
		}
	}
	m, err := loadFiles(map[string]string{"m.yaml": withEndpoint("kind: survival")}, "m.yaml", Options{})
	if err != nil || m.Endpoints[0].Tau != 0 || m.TauOf(m.Endpoints[0]) != m.Horizon {
		t.Errorf("no tau: %v, %v; want Tau 0, τ = the horizon", m, err)
	}
	out, _ := Marshal(m)
	if strings.Contains(string(out), "tau") {
		t.Errorf("Marshal wrote a tau the file did not have:\n%s", out)
	}

	for _, c := range []struct{ name, body, want string }{
		{"zero", "tau: 0", `m.yaml:11: endpoints[0].tau (endpoint "e"): tau is the window of the restricted mean: a time > 0 and ≤ the horizon, such as 48 or 4y (got 0)`},
		{"negative", "tau: -3mo", `m.yaml:11: endpoints[0].tau (endpoint "e"): tau is the window of the restricted mean: a time > 0 and ≤ the horizon, such as 48 or 4y (got -3)`},
		{"past the horizon", "tau: 1300", `m.yaml:11: endpoints[0].tau (endpoint "e"): tau 1300 is past the horizon (1199.9): the restricted mean is integrated only up to the horizon`},
		{"a string", "tau: soon", `m.yaml:11: endpoints[0].tau (endpoint "e"): expected a number (in the model's unit) or a duration such as 28d, 6w, 2.8mo, 5y, not the name "soon"`},
		{"a list", "tau: [48]", `m.yaml:11: endpoints[0].tau (endpoint "e"): expected a number (in the model's unit) or a duration such as 28d, 6w, 2.8mo, 5y, not a list`},
		{"a boolean", "tau: true", `m.yaml:11: endpoints[0].tau (endpoint "e"): expected a number (in the model's unit) or a duration such as 28d, 6w, 2.8mo, 5y, not `},
		{"an unknown unit", "tau: 4 fortnights", `m.yaml:11: endpoints[0].tau (endpoint "e"): "4 fortnights": unknown time unit "fortnights"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := loadFiles(map[string]string{"m.yaml": withEndpoint(c.body)}, "m.yaml", Options{})
			var ce *Error
			if !errors.As(err, &ce) || m != nil {
				t.Fatalf("got model %v, err %v; want a *config.Error and no model", m, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, c.want)
			}
		})
	}
}

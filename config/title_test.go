package config

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestParameterTitle: a parameter's title reads, survives Marshal, and is
// optional.
func TestParameterTitle(t *testing.T) {
	src, err := os.ReadFile("../seeds/stein2019-adult-post-allohsct.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The first parameter's title replaced, the second's left out.
	text := strings.Replace(string(src), "parameters:\n  - name: t_response_type\n    title: Time of response allocation (model device)\n",
		"parameters:\n  - title: Probability of remission\n    name: t_response_type\n", 1)
	text = strings.Replace(text, "  - name: p_cr\n    title: CR/CRh with blinatumomab\n", "  - name: p_cr\n", 1)
	if strings.Count(text, "Probability of remission") != 1 || strings.Contains(text, "title: CR/CRh with blinatumomab") {
		t.Fatal("the example's parameters are not where the test expects them")
	}
	m, err := Load(fstest.MapFS{"m.yaml": {Data: []byte(text)}}, "m.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Parameters[0].Title != "Probability of remission" || m.Parameters[1].Title != "" {
		t.Fatalf("titles %q, %q", m.Parameters[0].Title, m.Parameters[1].Title)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(fstest.MapFS{"m.yaml": {Data: out}}, "m.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Parameters[0].Title != "Probability of remission" {
		t.Errorf("title after Marshal: %q", back.Parameters[0].Title)
	}
}

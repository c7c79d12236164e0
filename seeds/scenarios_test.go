package seeds_test

import (
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/seeds"
)

// borrowed lists, per scenario, the parameters it copies from a study file:
// they must keep the study's value, source and uncertainty, so a change to
// the study (a recalibration) cannot leave a stale copy behind.
var borrowed = map[string]struct {
	from  string
	names []string
}{
	"after-blin-cart.yaml": {"marschollek2022-blin-before-cart.yaml",
		[]string{"t_vein_to_vein", "p_not_infused", "h_relapse_cart", "c_durable_cart", "h_nrm_cart"}},
}

// TestScenarios checks every shipped scenario: it is named after its file,
// extends a shipped model, loads and validates through the config package
// (the whole extends chain), and every parameter it sets has a source whose
// quoted phrases occur verbatim in the seed text named before them.
func TestScenarios(t *testing.T) {
	texts := seedTexts(t)
	files, err := fs.Glob(seeds.FS, "scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped scenarios (%v)", err)
	}
	for _, f := range files {
		base := path.Base(f)
		t.Run(strings.TrimSuffix(base, ".yaml"), func(t *testing.T) {
			m := readModel(t, f)
			if want := strings.TrimSuffix(base, ".yaml"); m.Name != want {
				t.Errorf("name %q, want the file stem %q", m.Name, want)
			}
			if m.Extends == "" {
				t.Errorf("a scenario must extend a shipped model")
			}
			if _, err := config.Load(seeds.FS, f, config.Options{}); err != nil {
				t.Fatalf("does not load: %v", err)
			}
			for _, p := range m.Parameters {
				// No own seed: every quoted phrase must name its seed file.
				quoted, err := checkSource(p.Source, "", texts)
				if err != nil {
					t.Errorf("parameter %q: %v", p.Name, err)
					continue
				}
				checkBeta(t, &p, quoted)
			}
			if b, ok := borrowed[base]; ok {
				study := map[string]fileParam{}
				for _, p := range readModel(t, b.from).Parameters {
					study[p.Name] = p
				}
				own := map[string]fileParam{}
				for _, p := range m.Parameters {
					own[p.Name] = p
				}
				for _, name := range b.names {
					if !reflect.DeepEqual(own[name], study[name]) {
						t.Errorf("parameter %q differs from %s: %+v, study has %+v", name, b.from, own[name], study[name])
					}
				}
			}
		})
	}
}

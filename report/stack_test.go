package report

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/blinasim/blinasim/model"
	"github.com/blinasim/blinasim/sim"
)

// simulated runs a small four-state model (remission ⇄ relapse, both to death,
// a branch to a titled state) for 20 000 patients, so that occupancies come
// from the engine: at every grid time they are counts over the same patients.
func simulated(t *testing.T) *sim.Result {
	t.Helper()
	rate := func(x float64) *model.Quantity { q := model.Num(x); return &q }
	exit := func(to string, r float64) model.Exit {
		return model.Exit{To: to, Dist: model.DistSpec{Family: model.FamExponential, Rate: rate(r)}}
	}
	m := &model.Model{Name: "four", Unit: model.Month, Horizon: 36, States: []model.State{
		{Name: "remission", Title: "In remission", Initial: model.Num(0.7), Exits: []model.Exit{exit("relapse", 0.1), exit("death", 0.02)}},
		{Name: "relapse", Initial: model.Num(0.3), Exits: []model.Exit{exit("remission", 0.2), exit("death", 0.15), exit("cart", 0.05)}},
		{Name: "cart", Title: "CAR-T", Exits: []model.Exit{exit("death", 0.05)}},
		{Name: "death"},
	}}
	p, err := sim.Compile(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(context.Background(), p, sim.Options{Patients: 20_000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestOccupancyLayersSumToOne: each stacked area lies between the cumulative
// occupancies below and including its state, the top one ends at 1 at every
// plotted time (within 1e-12), and the legend lists the states top down by
// their titles.
func TestOccupancyLayersSumToOne(t *testing.T) {
	r := simulated(t)
	fr := newFigureRun(runOf(Figures{}, r))
	f, err := fr.occupancy(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.rings) != len(r.States) {
		t.Fatalf("%d layers for %d states", len(f.rings), len(r.States))
	}
	n := len(f.rings[0]) / 2 // a ring is the top edge forwards, then the bottom backwards
	if n > maxPlotPoints || n < 2 {
		t.Fatalf("%d plotted times", n)
	}
	for i := 0; i < n; i++ {
		g := slices.Index(r.Grid, f.rings[0][i].X)
		cum := 0.0
		for k, ring := range f.rings {
			bottom, top := ring[2*n-1-i], ring[i]
			if bottom.Y != cum {
				t.Fatalf("state %d at %v: bottom %v, want %v", k, top.X, bottom.Y, cum)
			}
			cum += r.States[k].Occupancy[g].Value
			if math.Abs(top.Y-cum) > 1e-12 {
				t.Fatalf("state %d at %v: top %v, want %v", k, top.X, top.Y, cum)
			}
		}
		if math.Abs(cum-1) > 1e-12 {
			t.Errorf("layers at %v sum to %v, want 1", f.rings[0][i].X, cum)
		}
	}
	if got, want := labels(f.legend), []string{"death", "CAR-T", "relapse", "In remission"}; !slices.Equal(got, want) {
		t.Errorf("legend %q, want %q", got, want)
	}
}

func TestStackRings(t *testing.T) {
	rings := stackRings([]float64{0, 1}, [][]float64{{1, 0.5}, {0, 0.3}, {math.NaN(), 0.3}})
	want := [][]float64{ // Y of each ring: top forwards, bottom backwards
		{1, 0.5, 0, 0},   // first state, from 0
		{1, 0.8, 0.5, 1}, // stacked on it
		{1, 1, 0.8, 1},   // NaN as 0, 1.1 clipped to 1
	}
	for k := range want {
		var ys []float64
		for _, p := range rings[k] {
			ys = append(ys, p.Y)
		}
		if !slices.Equal(ys, want[k]) {
			t.Errorf("ring %d: %v, want %v", k, ys, want[k])
		}
	}
}

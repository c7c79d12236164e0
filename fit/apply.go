package fit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blinasim/blinasim/model"
)

// CalibratedPrefix starts the source of a calibrated parameter.
const CalibratedPrefix = "calibrated to "

// Apply returns a copy of the fitted model with the fitted values in place.
// Each fitted parameter's source becomes
//
//	calibrated to <targets> (<file>), was <old value> (<old source>)
//
// where file names the model file calibrated (a base name, never a path of
// this machine). A parameter calibrated before keeps its first "was ..." so
// sources never nest.
func (f *Fit) Apply(file string) *model.Model {
	m := *f.Model
	m.Parameters = slices.Clone(f.Model.Parameters)
	names := targetNames(&m)
	for i, fp := range f.Free {
		for j := range m.Parameters {
			p := &m.Parameters[j]
			if p.Name != fp.Name {
				continue
			}
			p.Source = calibratedSource(names, file, p.Value, p.Source)
			p.Value = f.Values[i]
		}
	}
	return &m
}

// calibratedSource writes a calibrated parameter's source.
func calibratedSource(targets []string, file string, old float64, oldSource string) string {
	return fmt.Sprintf("%s%s (%s), %s", CalibratedPrefix, strings.Join(targets, ", "), file, wasSource(old, oldSource))
}

// wasSource says what a parameter was before calibration: "was <value>
// (<source>)", or, for a parameter calibrated before, its first "was ..." so
// that sources never nest.
func wasSource(old float64, oldSource string) string {
	if strings.HasPrefix(oldSource, CalibratedPrefix) {
		if i := strings.Index(oldSource, "), was "); i >= 0 {
			return oldSource[i+len("), "):]
		}
	}
	return fmt.Sprintf("was %s (%s)", strconv.FormatFloat(old, 'g', -1, 64), oldSource)
}

// targetNames returns the names of the model's targets, in order.
func targetNames(m *model.Model) []string {
	names := make([]string, len(m.Targets))
	for i, t := range m.Targets {
		names[i] = t.Name
	}
	return names
}

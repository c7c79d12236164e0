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
// sources never nest. A fitted parameter's uncertainty is re-centred on the
// fitted value with its spread kept (model.Uncertainty.Recentred), and the
// source says so; one that cannot be moved (a sample, say) is left, and
// fit.md says it is off centre.
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
			_, moved, was := strings.Cut(p.Source, recentredNote)
			p.Source = calibratedSource(names, file, p.Value, p.Source)
			p.Value = f.Values[i]
			if !recentre(p) && was { // still where an earlier calibration moved it
				p.Source += recentredNote + moved
			}
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
			was, _, _ := strings.Cut(oldSource[i+len("), "):], recentredNote)
			return was
		}
	}
	return fmt.Sprintf("was %s (%s)", strconv.FormatFloat(old, 'g', -1, 64), oldSource)
}

// recentredNote starts what a calibrated source says of its uncertainty.
const recentredNote = "; uncertainty re-centred on the fitted value: "

// recentre moves p's uncertainty to its (fitted) value, if it has one that
// can be moved and is not already centred there, and says so in its source.
// It reports whether it moved it.
func recentre(p *model.Parameter) bool {
	if p.Uncertainty == nil {
		return false
	}
	r, ok := p.Uncertainty.Recentred(p.Value)
	if !ok || r == *p.Uncertainty {
		return false
	}
	p.Source += recentredNote + r.Describe() + " (was " + p.Uncertainty.Describe() + ")"
	p.Uncertainty = &r
	return true
}

// targetNames returns the names of the model's targets, in order.
func targetNames(m *model.Model) []string {
	names := make([]string, len(m.Targets))
	for i, t := range m.Targets {
		names[i] = t.Name
	}
	return names
}

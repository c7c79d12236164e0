package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/blinasim/blinasim/model"
)

// describeAttributes writes the model's attributes, the updates states make
// to them and every exit that depends on them, as tables; nothing for a model
// without attributes.
func describeAttributes(w io.Writer, m *model.Model) {
	if len(m.Attributes) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ATTRIBUTE\tKIND\tLEVELS\tBASELINE\tTITLE")
	for _, a := range m.Attributes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.Name, a.Kind, strings.Join(a.LevelNames(), ", "), baselineString(a), a.Title)
	}
	tw.Flush()
	if m.By != "" {
		fmt.Fprintf(w, "results stratified by: %s\n", m.By)
	}

	var rows []string
	for _, s := range m.States {
		for _, u := range s.Updates {
			what := ""
			switch {
			case u.Record:
				what = "record entry time"
			case u.Add != nil:
				what = "add " + u.Add.String()
			default:
				what = "set " + u.Set
			}
			rows = append(rows, fmt.Sprintf("%s\t%s\t%s\n", s.Name, u.Attr, what))
		}
	}
	if len(rows) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ON ENTERING\tATTRIBUTE\tUPDATE")
		for _, r := range rows {
			fmt.Fprint(tw, r)
		}
		tw.Flush()
	}

	rows = rows[:0]
	for _, s := range m.States {
		for _, e := range s.Exits {
			for _, d := range dependencies(e) {
				rows = append(rows, fmt.Sprintf("%s\t%s\t%s\t%s\n", s.Name, e.ExitName(), d[0], d[1]))
			}
		}
	}
	if len(rows) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "STATE\tEXIT\tDEPENDS ON\tHOW")
		for _, r := range rows {
			fmt.Fprint(tw, r)
		}
		tw.Flush()
	}
}

// baselineString says how an attribute starts.
func baselineString(a model.Attribute) string {
	switch {
	case a.Initial != nil:
		return "initial " + a.Initial.String()
	case a.Level != "":
		return "level " + a.Level
	case a.Kind == model.AttrFlag && len(a.Shares) == 1:
		return "true with probability " + a.Shares[0].Prob.String()
	case len(a.Shares) > 0:
		parts := make([]string, len(a.Shares))
		for i, s := range a.Shares {
			p := s.Prob.String()
			if s.Rest {
				p = "rest"
			}
			parts[i] = a.Levels[i] + " " + p
		}
		return "shares: " + strings.Join(parts, ", ")
	case a.Dist != nil:
		return "drawn: " + distString(*a.Dist)
	case a.Kind == model.AttrTime:
		return "not recorded"
	case a.Kind == model.AttrFlag:
		return "false"
	case a.Kind == model.AttrCategory:
		return "level " + a.Levels[0]
	}
	return "0"
}

// dependencies lists an exit's dependencies on attributes: (attribute, how).
func dependencies(e model.Exit) [][2]string {
	var out [][2]string
	if e.Since != "" {
		out = append(out, [2]string{e.Since, "clock runs since the recorded time"})
	}
	for _, c := range e.When {
		var how []string
		for _, p := range []struct {
			k, v string
		}{{"is", c.Is}, {"is not", c.Not}} {
			if p.v != "" {
				how = append(how, c.Attr+" "+p.k+" "+p.v)
			}
		}
		if c.Min != nil {
			how = append(how, c.Attr+" ≥ "+c.Min.String())
		}
		if c.Max != nil {
			how = append(how, c.Attr+" ≤ "+c.Max.String())
		}
		out = append(out, [2]string{c.Attr, "open only when " + strings.Join(how, " and ")})
	}
	for _, f := range e.Effects {
		var how string
		switch {
		case f.Beta != nil:
			how = "hr = exp(" + f.Beta.String() + " · value)"
		case f.Count != nil:
			how = fmt.Sprintf("hr %s from count %d on", f.HR, *f.Count)
		default:
			how = fmt.Sprintf("hr %s at level %s", f.HR, f.Level)
		}
		out = append(out, [2]string{f.Attr, how})
	}
	if e.BranchBy != "" {
		var parts []string
		for _, a := range e.Branch {
			for _, lp := range a.ByLevel {
				p := lp.Prob.String()
				if lp.Rest {
					p = "rest"
				}
				parts = append(parts, fmt.Sprintf("%s→%s %s", lp.Level, a.To, p))
			}
		}
		out = append(out, [2]string{e.BranchBy, "branch probabilities per level: " + strings.Join(parts, "; ")})
	}
	return out
}

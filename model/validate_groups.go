package model

import (
	"fmt"
	"slices"
	"strings"
)

// validateGroupBranches checks that each Dirichlet group is the
// probabilities of the arms of one branch, as its joint draw assumes (the
// draw sums the group to 1): every member is an arm's probability of one and
// the same branch, and no other branch uses a member. The problem is reported
// at the group's last parameter.
func (m *Model) validateGroupBranches(ps *Problems) {
	members := map[string][]int{} // group -> parameter indices
	var order []string
	for i, p := range m.Parameters {
		if u := p.Uncertainty; u != nil && u.Family == UncDirichlet && u.Group != "" {
			if members[u.Group] == nil {
				order = append(order, u.Group)
			}
			members[u.Group] = append(members[u.Group], i)
		}
	}
	for _, g := range order {
		idx := members[g]
		if len(idx) < 2 {
			continue // validateGroups reports it
		}
		names := make([]string, len(idx))
		for k, i := range idx {
			names[k] = m.Parameters[i].Name
		}
		var branches []string // the branches that use a member, as "state "x", exit "y""
		covers := false
		for _, s := range m.States {
			for _, e := range s.Exits {
				var used []string
				for _, d := range e.Branch {
					if !d.Rest && slices.Contains(names, d.Prob.Param) {
						used = append(used, d.Prob.Param)
					}
				}
				if len(used) == 0 {
					continue
				}
				branches = append(branches, fmt.Sprintf("state %q, exit %q (%s)", s.Name, e.ExitName(), strings.Join(used, ", ")))
				if len(used) == len(names) {
					covers = true
				}
			}
		}
		last := idx[len(idx)-1]
		path := fmt.Sprintf("parameters[%d].uncertainty.group", last)
		where := fmt.Sprintf("parameter %q", m.Parameters[last].Name)
		if len(branches) != 1 || !covers {
			used := "no branch uses them"
			if len(branches) > 0 {
				used = "used by " + strings.Join(branches, "; ")
			}
			ps.add(path, where, "dirichlet group %q (%s) must be the probabilities of the arms of one branch, every member an arm of it: %s",
				g, strings.Join(names, ", "), used)
		}
	}
}

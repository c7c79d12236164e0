// Package seeds holds blinasim's shipped study models: one YAML model file per
// seed study, each parameter with its value and its source (the seed text's file
// name and the exact phrase it comes from, or "assumption:" with the reason and
// any outside figure used), and each study's published figures as calibration
// targets with their sample sizes.
//
// The five studies (the seed texts are copied verbatim into sources/, so that
// seeds_test.go can prove every quoted phrase is real on any clone):
//
//   - stein2019-adult-post-allohsct (seed 001, the default study): 64 adults with
//     R/R Ph- B-ALL relapsed after alloHSCT, blinatumomab in MT103-211. Its OS
//     curve has a plateau (18% at 3 years against a median of 8.5 months), from a
//     durable fraction of responders.
//   - queudeville2020-pediatric-rr (seed 003): 38 children with R/R BCP-ALL; the
//     plateau comes from haploidentical HSCT after a response.
//   - marschollek2022-blin-before-cart (seed 004): 7 children, blinatumomab
//     before tisagenlecleucel; face-validity targets only.
//   - ajcr2021-hla-loss-after-haplo (seed 000): 4 patients with HLA-loss relapse
//     after haploidentical HSCT; response shrunk to a seed-001 prior, hazards
//     borrowed from seed 001.
//   - nct06507514-blin-autohsct-sandwich (seed 002): a trial design without
//     outcomes, shipped as a scenario template whose outcome numbers are all
//     labelled assumptions.
//
// Time is in months from the start of blinatumomab, horizon 60 months.
//
// scenarios/ holds what-if scenarios that extend the studies (run them by name,
// e.g. `blinasim compare after-blin-no-consolidation after-blin-second-hsct
// after-blin-cart`): after a blinatumomab response in the seed 001 population,
// no consolidation, a second alloHSCT or CAR-T (borrowing seeds 003 and 004);
// the optimistic reading of seed 000; and an allogeneic-HSCT comparator for the
// seed 002 sandwich. Every number they set carries its source, like the studies.
package seeds

import "embed"

// FS holds the shipped study model files (*.yaml) at its root and the
// shipped scenarios that extend them in scenarios/.
//
//go:embed *.yaml scenarios/*.yaml
var FS embed.FS

// Default is the file name of the default study in FS.
const Default = "stein2019-adult-post-allohsct.yaml"

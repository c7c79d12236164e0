package seeds_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/blinasim/blinasim/seeds"
)

// studies maps each shipped model file to the seed text it is built on.
var studies = []struct {
	file string // model file in seeds/
	seed string // its seed text in seeds/sources/
}{
	{"ajcr2021-hla-loss-after-haplo.yaml", "000_ea15188c4f06ea26.txt"},
	{"stein2019-adult-post-allohsct.yaml", "001_60d2d26cd833c971.txt"},
	{"nct06507514-blin-autohsct-sandwich.yaml", "002_b3c30ef170e54fca.txt"},
	{"queudeville2020-pediatric-rr.yaml", "003_73a73dca760bd156.txt"},
	{"marschollek2022-blin-before-cart.yaml", "004_3bc415673565bf7b.txt"},
}

// seedFiles lists the seed texts a source may name.
func seedFiles() []string {
	out := make([]string, len(studies))
	for i, s := range studies {
		out[i] = s.seed
	}
	return out
}

// The file format, as README "Model files" lists it; decoding with KnownFields
// rejects any key not listed there. Numbers that may be parameter names are
// yaml.Nodes, checked separately.
type fileModel struct {
	Extends     string      `yaml:"extends"`
	Name        string      `yaml:"name"`
	Title       string      `yaml:"title"`
	Description string      `yaml:"description"`
	Unit        string      `yaml:"unit"`
	Horizon     float64     `yaml:"horizon"`
	Landmarks   []float64   `yaml:"landmarks"`
	DeathStates []string    `yaml:"death_states"`
	States      []fileState `yaml:"states"`
	Attributes  []struct {
		Name   string      `yaml:"name"`
		Title  string      `yaml:"title"`
		Kind   string      `yaml:"kind"`
		Levels []string    `yaml:"levels"`
		Init   yaml.Node   `yaml:"initial"`
		Level  string      `yaml:"level"`
		Share  yaml.Node   `yaml:"share"`
		Shares []yaml.Node `yaml:"shares"`
	} `yaml:"attributes"` // docs/attributes.md
	By        string `yaml:"by"`
	Endpoints []struct {
		Name      string   `yaml:"name"`
		Title     string   `yaml:"title"`
		Kind      string   `yaml:"kind"`
		Start     []string `yaml:"start"`
		Events    []string `yaml:"events"`
		Competing []string `yaml:"competing"`
	} `yaml:"endpoints"`
	Parameters []fileParam  `yaml:"parameters"`
	Targets    []fileTarget `yaml:"targets"`
	Calibrate  *struct {
		Parameters []struct {
			Name      string  `yaml:"name"`
			Lower     float64 `yaml:"lower"`
			Upper     float64 `yaml:"upper"`
			Transform string  `yaml:"transform"`
		} `yaml:"parameters"`
		Patients       int    `yaml:"patients"`
		Starts         int    `yaml:"starts"`
		MaxEvaluations int    `yaml:"max_evaluations"`
		Seed           uint64 `yaml:"seed"`
	} `yaml:"calibrate"`
}

type fileState struct {
	Name        string     `yaml:"name"`
	Title       string     `yaml:"title"`
	Description string     `yaml:"description"`
	Initial     yaml.Node  `yaml:"initial"`
	Exits       []fileExit `yaml:"exits"`
	Updates     []struct {
		Attr   string    `yaml:"attr"`
		Set    string    `yaml:"set"`
		Add    yaml.Node `yaml:"add"`
		Record bool      `yaml:"record"`
	} `yaml:"updates"`
}

type fileExit struct {
	Name     string      `yaml:"name"`
	To       string      `yaml:"to"`
	Dist     string      `yaml:"dist"`
	Rate     yaml.Node   `yaml:"rate"`
	Median   yaml.Node   `yaml:"median"`
	Shape    yaml.Node   `yaml:"shape"`
	Scale    yaml.Node   `yaml:"scale"`
	MeanLog  yaml.Node   `yaml:"meanlog"`
	SdLog    yaml.Node   `yaml:"sdlog"`
	Duration yaml.Node   `yaml:"duration"`
	Breaks   []yaml.Node `yaml:"breaks"`
	Rates    []yaml.Node `yaml:"rates"`
	Cure     yaml.Node   `yaml:"cure"`
	Clock    string      `yaml:"clock"`
	HR       yaml.Node   `yaml:"hr"`
	TR       yaml.Node   `yaml:"tr"`
	Note     string      `yaml:"note"`
	Since    string      `yaml:"since"`
	When     []struct {
		Attr string    `yaml:"attr"`
		Is   string    `yaml:"is"`
		Not  string    `yaml:"not"`
		Min  yaml.Node `yaml:"min"`
		Max  yaml.Node `yaml:"max"`
	} `yaml:"when"`
	Effects []struct {
		Attr  string    `yaml:"attr"`
		Level string    `yaml:"level"`
		Count int       `yaml:"count"`
		HR    yaml.Node `yaml:"hr"`
		Beta  yaml.Node `yaml:"beta"`
	} `yaml:"effects"`
	BranchBy string `yaml:"branch_by"`
	Branch   []struct {
		To   string    `yaml:"to"`
		Prob yaml.Node `yaml:"prob"`
	} `yaml:"branch"`
}

type fileParam struct {
	Name        string       `yaml:"name"`
	Title       string       `yaml:"title"`
	Value       float64      `yaml:"value"`
	Source      string       `yaml:"source"`
	Uncertainty *uncertainty `yaml:"uncertainty"`
}

type uncertainty struct {
	Dist    string   `yaml:"dist"`
	A       *float64 `yaml:"a"`
	B       *float64 `yaml:"b"`
	X       *int     `yaml:"x"`
	N       *int     `yaml:"n"`
	PriorA  float64  `yaml:"prior_a"`
	PriorB  float64  `yaml:"prior_b"`
	Shape   *float64 `yaml:"shape"`
	Rate    *float64 `yaml:"rate"`
	MeanLog *float64 `yaml:"meanlog"`
	SdLog   *float64 `yaml:"sdlog"`
	Mean    *float64 `yaml:"mean"`
	SD      *float64 `yaml:"sd"`
	Min     *float64 `yaml:"min"`
	Max     *float64 `yaml:"max"`
}

type fileTarget struct {
	Name     string  `yaml:"name"`
	Measure  string  `yaml:"measure"`
	Endpoint string  `yaml:"endpoint"`
	State    string  `yaml:"state"`
	Time     float64 `yaml:"time"`
	Value    float64 `yaml:"value"`
	N        int     `yaml:"n"`
	Lower    float64 `yaml:"lower"`
	Upper    float64 `yaml:"upper"`
	Source   string  `yaml:"source"`
	Note     string  `yaml:"note"`
	Remove   bool    `yaml:"remove"` // scenarios only: drop the base's target
}

func readModel(t *testing.T, file string) fileModel {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var m fileModel
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return m
}

// seedTexts reads every seed text in sources/, whitespace collapsed.
func seedTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range seedFiles() {
		b, err := os.ReadFile(filepath.Join("sources", f))
		if err != nil {
			t.Fatalf("seed text missing: %v", err)
		}
		out[f] = collapse(string(b))
	}
	return out
}

var spaceRun = regexp.MustCompile(`\s+`)

// collapse turns every run of whitespace into one space (YAML may fold lines).
func collapse(s string) string { return strings.TrimSpace(spaceRun.ReplaceAllString(s, " ")) }

const (
	assumptionPrefix = "assumption: "
	calibratedPrefix = "calibrated to "
)

// calibrated is a calibrated parameter's source, as `blinasim calibrate`
// writes it: "calibrated to <targets> (<file>), was <value> (<old source>)",
// optionally followed by "; <note>".
type calibrated struct {
	targets []string
	file    string
	was     float64
	old     string // the source before calibration
}

// parseCalibrated splits a calibrated source into its parts.
func parseCalibrated(src string) (calibrated, error) {
	var c calibrated
	rest, ok := strings.CutPrefix(src, calibratedPrefix)
	head, tail, found := strings.Cut(rest, "), was ")
	open := strings.LastIndex(head, " (")
	if !ok || !found || open < 0 {
		return c, fmt.Errorf(`calibrated source must read "calibrated to <targets> (<file>), was <value> (<old source>)": %q`, src)
	}
	c.targets, c.file = strings.Split(head[:open], ", "), head[open+2:]
	num, old, found := strings.Cut(tail, " (")
	x, err := strconv.ParseFloat(num, 64)
	if !found || err != nil {
		return c, fmt.Errorf("calibrated source: %q is not \"<value> (<old source>)\"", tail)
	}
	c.was = x
	depth := 1
	for i, r := range old {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth == 0 {
			c.old = old[:i]
			if after := old[i+1:]; after != "" && !strings.HasPrefix(after, "; ") {
				return c, fmt.Errorf("calibrated source: unexpected %q after the old source", after)
			}
			return c, nil
		}
	}
	return c, fmt.Errorf("calibrated source: unbalanced parentheses in %q", old)
}

// checkSource checks one source string: either "assumption: <reason>" or
// "<seed file>: \"<phrase>\"<derivation>". Every double-quoted phrase anywhere in
// the source must occur verbatim (whitespace collapsed) in the seed file named
// just before its opening quote ("<file>: \"...\""), or else in fallback: the
// leading file of a seed source, or the model's own seed for an assumption.
// It returns the quoted phrases that were checked, joined.
func checkSource(src, ownSeed string, texts map[string]string) (quoted string, err error) {
	src = strings.TrimSpace(src)
	fallback := ownSeed
	switch {
	case src == "":
		return "", fmt.Errorf("empty source")
	case strings.HasPrefix(src, calibratedPrefix):
		c, err := parseCalibrated(src)
		if err != nil {
			return "", err
		}
		return checkSource(c.old, ownSeed, texts)
	case strings.HasPrefix(src, assumptionPrefix):
		if strings.TrimSpace(strings.TrimPrefix(src, assumptionPrefix)) == "" {
			return "", fmt.Errorf("assumption without a reason")
		}
	default:
		lead := ""
		for f := range texts {
			if strings.HasPrefix(src, f+`: "`) {
				lead = f
			}
		}
		if lead == "" {
			return "", fmt.Errorf(`source must start with "assumption: " or a seed file name followed by ': "' (one of %s): %q`,
				strings.Join(seedFiles(), ", "), src)
		}
		fallback = lead
	}
	if strings.Count(src, `"`)%2 != 0 {
		return "", fmt.Errorf("unbalanced double quotes in source %q", src)
	}
	var phrases []string
	for rest, pos := src, 0; ; {
		open := strings.Index(rest, `"`)
		if open < 0 {
			break
		}
		close := strings.Index(rest[open+1:], `"`) + open + 1
		phrase := rest[open+1 : close]
		file := fallback
		for f := range texts {
			if strings.HasSuffix(rest[:open], f+": ") {
				file = f
			}
		}
		if strings.TrimSpace(phrase) == "" {
			return "", fmt.Errorf("empty quoted phrase in source %q", src)
		}
		if !strings.Contains(texts[file], collapse(phrase)) {
			return "", fmt.Errorf("phrase %q (at byte %d of the source) does not occur verbatim in sources/%s", phrase, pos+open, file)
		}
		phrases = append(phrases, phrase)
		pos += close + 1
		rest = rest[close+1:]
	}
	if !strings.HasPrefix(src, assumptionPrefix) && len(phrases) == 0 {
		return "", fmt.Errorf("seed source without a quoted phrase: %q", src)
	}
	return strings.Join(phrases, " | "), nil
}

var (
	identRe   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	numberRe  = regexp.MustCompile(`(?i)\b[0-9]+\b|\b[a-z]+(-[a-z]+)?\b`)
	countRe   = regexp.MustCompile(`\b(\d+)/(\d+)\b`)
	numberWds = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensWds = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// numberWord returns the English word for 0 <= n < 100 ("twenty-nine").
func numberWord(n int) string {
	if n < 20 {
		return numberWds[n]
	}
	w := tensWds[n/10]
	if n%10 != 0 {
		w += "-" + numberWds[n%10]
	}
	return w
}

// mentions reports whether text names the count k, as digits or in words.
func mentions(text string, k int) bool {
	for _, tok := range numberRe.FindAllString(text, -1) {
		tok = strings.ToLower(tok)
		if tok == strconv.Itoa(k) || k < 100 && tok == numberWord(k) {
			return true
		}
	}
	return false
}

// numericKeys are the exit keys whose values are numbers (or parameter names).
func exitQuantities(e fileExit) map[string]yaml.Node {
	out := map[string]yaml.Node{}
	for k, n := range map[string]yaml.Node{"rate": e.Rate, "median": e.Median, "shape": e.Shape, "scale": e.Scale,
		"meanlog": e.MeanLog, "sdlog": e.SdLog, "duration": e.Duration, "cure": e.Cure, "hr": e.HR, "tr": e.TR} {
		if n.Kind != 0 {
			out[k] = n
		}
	}
	for i, n := range e.Breaks {
		out[fmt.Sprintf("breaks[%d]", i)] = n
	}
	for i, n := range e.Rates {
		out[fmt.Sprintf("rates[%d]", i)] = n
	}
	for i, b := range e.Branch {
		out[fmt.Sprintf("branch[%d](%s).prob", i, b.To)] = b.Prob
	}
	return out
}

func TestStudies(t *testing.T) {
	texts := seedTexts(t)
	for _, st := range studies {
		t.Run(strings.TrimSuffix(st.file, ".yaml"), func(t *testing.T) {
			m := readModel(t, st.file)
			if want := strings.TrimSuffix(st.file, ".yaml"); m.Name != want {
				t.Errorf("name %q, want the file stem %q", m.Name, want)
			}
			if m.Unit != "month" || m.Horizon <= 0 {
				t.Errorf("unit %q horizon %v: want month and a positive horizon", m.Unit, m.Horizon)
			}

			// Parameters: unique names, sources, beta counts.
			params := map[string]*fileParam{}
			for i := range m.Parameters {
				p := &m.Parameters[i]
				if !identRe.MatchString(p.Name) {
					t.Errorf("parameter %q: name must match %s", p.Name, identRe)
				}
				if params[p.Name] != nil {
					t.Errorf("parameter %q defined twice", p.Name)
				}
				params[p.Name] = p
				if err := checkTitle(p.Title); err != nil {
					t.Errorf("parameter %q: %v", p.Name, err)
				}
				quoted, err := checkSource(p.Source, st.seed, texts)
				if err != nil {
					t.Errorf("parameter %q: %v", p.Name, err)
					continue
				}
				checkBeta(t, p, quoted)
			}

			// Calibration: each free parameter is a parameter calibrated to
			// this file's targets (as `blinasim calibrate` writes it), and
			// only free parameters say they are calibrated.
			free := map[string]bool{}
			if m.Calibrate != nil {
				for _, fp := range m.Calibrate.Parameters {
					free[fp.Name] = true
					if params[fp.Name] == nil {
						t.Errorf("calibrate: %q is not a parameter", fp.Name)
					}
				}
			}
			var targets []string
			for _, tg := range m.Targets {
				targets = append(targets, tg.Name)
			}
			for _, p := range m.Parameters {
				isCal := strings.HasPrefix(p.Source, calibratedPrefix)
				if isCal != free[p.Name] {
					t.Errorf("parameter %q: free in calibrate %v, but calibrated source %v", p.Name, free[p.Name], isCal)
				}
				if !isCal {
					continue
				}
				c, err := parseCalibrated(p.Source)
				if err != nil {
					continue // reported above
				}
				if c.file != st.file || !slices.Equal(c.targets, targets) {
					t.Errorf("parameter %q: calibrated to %v (%s), want this file's targets %v (%s)", p.Name, c.targets, c.file, targets, st.file)
				}
			}

			// Targets: sources, sample size, interval.
			for _, tg := range m.Targets {
				if _, err := checkSource(tg.Source, st.seed, texts); err != nil {
					t.Errorf("target %q: %v", tg.Name, err)
				}
				if strings.HasPrefix(strings.TrimSpace(tg.Source), assumptionPrefix) {
					t.Errorf("target %q: a target is a published figure; its source must quote the seed", tg.Name)
				}
				if tg.N <= 0 {
					t.Errorf("target %q: needs its sample size n > 0", tg.Name)
				}
				if (tg.Lower != 0 || tg.Upper != 0) && !(tg.Lower <= tg.Value && tg.Value <= tg.Upper) {
					t.Errorf("target %q: interval [%v, %v] does not contain %v", tg.Name, tg.Lower, tg.Upper, tg.Value)
				}
			}

			// Every number in the states is a named parameter; every parameter is used.
			used := map[string]bool{}
			ref := func(where string, n yaml.Node, allowed ...string) {
				if n.Kind != yaml.ScalarNode {
					t.Errorf("%s: want a parameter name, got a YAML node of kind %v", where, n.Kind)
					return
				}
				switch {
				case slices.Contains(allowed, n.Value):
				case identRe.MatchString(n.Value):
					if params[n.Value] == nil {
						t.Errorf("%s: %q is not a defined parameter", where, n.Value)
					}
					used[n.Value] = true
				default:
					t.Errorf("%s: literal %q: every number must be a named parameter with a source", where, n.Value)
				}
			}
			for _, s := range m.States {
				if s.Initial.Kind != 0 {
					ref(fmt.Sprintf("state %q initial", s.Name), s.Initial, "0", "1")
				}
				for j, e := range s.Exits {
					for k, n := range exitQuantities(e) {
						allowed := []string{}
						if strings.HasSuffix(k, ".prob") {
							allowed = []string{"rest"}
						}
						ref(fmt.Sprintf("state %q exit %d (%s) %s", s.Name, j, e.Name+e.To, k), n, allowed...)
					}
				}
			}
			for name := range params {
				if !used[name] {
					t.Errorf("parameter %q is defined but not used in any state", name)
				}
			}

			// Names referred to exist (the config package's full validation is
			// elsewhere; this catches typos in the shipped files early).
			checkRefs(t, m)
		})
	}
}

// checkRefs checks that every state, endpoint and death state named exists.
func checkRefs(t *testing.T, m fileModel) {
	t.Helper()
	states := map[string]bool{}
	for _, s := range m.States {
		if !identRe.MatchString(s.Name) || states[s.Name] {
			t.Errorf("state %q: bad or duplicate name", s.Name)
		}
		states[s.Name] = true
	}
	state := func(where, name string) {
		if !states[name] {
			t.Errorf("%s: unknown state %q", where, name)
		}
	}
	for _, s := range m.States {
		for _, e := range s.Exits {
			if e.To != "" {
				state("state "+s.Name, e.To)
			}
			for _, b := range e.Branch {
				state("state "+s.Name, b.To)
			}
		}
	}
	for _, d := range m.DeathStates {
		state("death_states", d)
	}
	endpoints := map[string]bool{"os": true}
	for _, e := range m.Endpoints {
		endpoints[e.Name] = true
		for _, l := range [][]string{e.Start, e.Events, e.Competing} {
			for _, s := range l {
				state("endpoint "+e.Name, s)
			}
		}
	}
	for _, tg := range m.Targets {
		switch tg.Measure {
		case "share_entering":
			state("target "+tg.Name, tg.State)
		case "survival", "incidence", "median":
			if !endpoints[tg.Endpoint] {
				t.Errorf("target %q: unknown endpoint %q", tg.Name, tg.Endpoint)
			}
		default:
			t.Errorf("target %q: unknown measure %q", tg.Name, tg.Measure)
		}
	}
}

// checkBeta checks a beta uncertainty from counts: the source's derivation states
// "x/n" (and "prior Beta(a, b)" when a prior is added), the value is the
// distribution's mean, and a quoted phrase names x, n or n - x.
func checkBeta(t *testing.T, p *fileParam, quoted string) {
	t.Helper()
	u := p.Uncertainty
	if u == nil || u.Dist != "beta" || u.X == nil && u.N == nil {
		return
	}
	if u.X == nil || u.N == nil {
		t.Errorf("parameter %q: beta counts need both x and n", p.Name)
		return
	}
	x, n := *u.X, *u.N
	if !(0 <= x && x <= n && n > 0) {
		t.Errorf("parameter %q: counts %d of %d", p.Name, x, n)
		return
	}
	claim := fmt.Sprintf("%d/%d", x, n)
	found := false
	for _, c := range countRe.FindAllString(p.Source, -1) {
		found = found || c == claim
	}
	if !found {
		t.Errorf("parameter %q: uncertainty Beta from %d of %d, but the source does not claim %q", p.Name, x, n, claim)
	}
	if u.PriorA != 0 || u.PriorB != 0 {
		prior := fmt.Sprintf("prior Beta(%s, %s)", strconv.FormatFloat(u.PriorA, 'g', -1, 64), strconv.FormatFloat(u.PriorB, 'g', -1, 64))
		if !strings.Contains(p.Source, prior) {
			t.Errorf("parameter %q: source does not state the %s it adds to the counts", p.Name, prior)
		}
	}
	mean := (float64(x) + u.PriorA) / (float64(n) + u.PriorA + u.PriorB)
	if math.Abs(p.Value-mean) > 5e-4 {
		t.Errorf("parameter %q: value %v, but Beta(%v, %v) from the counts has mean %.6f", p.Name, p.Value,
			float64(x)+u.PriorA, float64(n-x)+u.PriorB, mean)
	}
	if quoted != "" && !strings.HasPrefix(p.Source, assumptionPrefix) &&
		!mentions(quoted, x) && !mentions(quoted, n) && !mentions(quoted, n-x) {
		t.Errorf("parameter %q: the quoted phrase %q names none of %d, %d, %d", p.Name, quoted, x, n, n-x)
	}
}

// TestSourceCheckerRejects proves the phrase check bites: a phrase altered by
// one character, a missing quote, an unknown file and an empty reason all fail.
func TestSourceCheckerRejects(t *testing.T) {
	texts := seedTexts(t)
	const own = "001_60d2d26cd833c971.txt"
	good := []string{
		`001_60d2d26cd833c971.txt: "Forty-five percent of the patients (29 of 64) achieved a CR/CRh"; 29/64`,
		"001_60d2d26cd833c971.txt: \"the median relapse-free survival was 7.4 months\n   for patients\"",
		`assumption: a reason, quoting "within the first 2 cycles" of the model's own seed`,
		`assumption: a reason, quoting 003_73a73dca760bd156.txt: "eight achieved complete MRD negativity"`,
	}
	for _, s := range good {
		if _, err := checkSource(s, own, texts); err != nil {
			t.Errorf("good source rejected: %v", err)
		}
	}
	bad := []string{
		`001_60d2d26cd833c971.txt: "Forty-five percent of the patients (29 of 65) achieved a CR/CRh"`, // wrong number
		`001_60d2d26cd833c971.txt: "the median relapse-free survival was 7.4 months for all patients"`,
		`001_60d2d26cd833c971.txt: Forty-five percent of the patients`,              // not quoted
		`009_0000000000000000.txt: "Forty-five percent of the patients"`,            // unknown file
		`003_73a73dca760bd156.txt: "Forty-five percent of the patients (29 of 64)"`, // wrong file
		`assumption: `,
		`assumption: quoting "a phrase no seed has"`,
		`assumption: quoting 003_73a73dca760bd156.txt: "within the first 2 cycles"`, // right phrase, wrong file
		`just a reason`,
		``,
	}
	for _, s := range bad {
		if _, err := checkSource(s, own, texts); err == nil {
			t.Errorf("bad source accepted: %q", s)
		}
	}
}

// TestEmbedded checks that FS ships exactly the five study files and the default.
func TestEmbedded(t *testing.T) {
	got, err := fs.Glob(seeds.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range studies {
		want = append(want, s.file)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("embedded files %v, want %v", got, want)
	}
	if !slices.Contains(got, seeds.Default) {
		t.Errorf("default %q not embedded", seeds.Default)
	}
	disk, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(disk, want) {
		t.Errorf("model files on disk %v, want exactly %v (add new studies to the test table)", disk, want)
	}
}

// TestCalibratedSources: a calibrated source is checked through to the
// source it replaced; malformed ones are rejected.
func TestCalibratedSources(t *testing.T) {
	texts := seedTexts(t)
	const own = "001_60d2d26cd833c971.txt"
	good := []string{
		`calibrated to os_12mo, median_os (m.yaml), was 0.45 (assumption: a reason (with parentheses))`,
		`calibrated to os_12mo (m.yaml), was 0.3 (001_60d2d26cd833c971.txt: "within the first 2 cycles"); uncertainty re-centred`,
	}
	for _, s := range good {
		if _, err := checkSource(s, own, texts); err != nil {
			t.Errorf("good source rejected: %v", err)
		}
	}
	bad := []string{
		`calibrated to os_12mo (m.yaml), was 0.3 (001_60d2d26cd833c971.txt: "within the first 3 cycles")`, // wrong phrase
		`calibrated to os_12mo (m.yaml), was 0.3 (assumption: unbalanced`,
		`calibrated to os_12mo (m.yaml), was high (assumption: a reason)`,
		`calibrated to os_12mo, was 0.3 (assumption: a reason)`,
		`calibrated to os_12mo (m.yaml), was 0.3 (assumption: a reason) and more`,
	}
	for _, s := range bad {
		if _, err := checkSource(s, own, texts); err == nil {
			t.Errorf("bad source accepted: %q", s)
		}
	}
	c, err := parseCalibrated(good[0])
	if err != nil || !slices.Equal(c.targets, []string{"os_12mo", "median_os"}) || c.file != "m.yaml" || c.was != 0.45 ||
		c.old != "assumption: a reason (with parentheses)" {
		t.Errorf("parsed %+v, %v", c, err)
	}
}

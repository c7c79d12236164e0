package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"runtime"
	"time"
)

// Manifest is what reproduces a run, written as manifest.json with snake_case
// keys. Write fills in the fields marked "filled by Write" when they are
// empty (zero).
type Manifest struct {
	Program   string        `json:"program"`    // the program's name; filled by Write: "blinasim"
	Version   string        `json:"version"`    // the program's version (e.g. from runtime/debug.ReadBuildInfo)
	GoVersion string        `json:"go_version"` // filled by Write: runtime.Version()
	Platform  string        `json:"platform"`   // filled by Write: GOOS/GOARCH
	Command   []string      `json:"command"`    // the command line, os.Args
	Seed      uint64        `json:"seed"`       // the run seed; filled by Write from the results
	Patients  int           `json:"patients"`   // simulated patients per scenario; filled by Write from the results
	Workers   int           `json:"workers"`    // goroutines used (results do not depend on it)
	Scenarios []string      `json:"scenarios"`  // scenario labels in run order; filled by Write from the results
	ModelHash string        `json:"model_hash"` // ModelHash of model.yaml; filled by Write
	Started   time.Time     `json:"started"`    // when the run started; written in UTC, RFC 3339
	Elapsed   time.Duration `json:"-"`          // wall time of the run; written as elapsed_seconds

	// Shards is the number of shards merged into the outputs (blinasim
	// merge); 0 for a run in one piece.
	Shards int `json:"shards,omitempty"`
}

// DefaultProgram is the program name Write puts in a manifest that has none.
const DefaultProgram = "blinasim"

// manifestFields is Manifest without its methods, so that MarshalJSON and
// UnmarshalJSON can use the default encoding for every other field.
type manifestFields Manifest

// manifestJSON is manifest.json's layout: the fields plus elapsed_seconds.
type manifestJSON struct {
	manifestFields
	ElapsedSeconds float64 `json:"elapsed_seconds"`
}

// MarshalJSON writes the manifest with Started in UTC and Elapsed in seconds.
func (m Manifest) MarshalJSON() ([]byte, error) {
	f := manifestFields(m)
	if !f.Started.IsZero() {
		f.Started = f.Started.UTC()
	}
	return json.Marshal(manifestJSON{manifestFields: f, ElapsedSeconds: m.Elapsed.Seconds()})
}

// UnmarshalJSON reads a manifest written by MarshalJSON; Elapsed is rounded
// to the nanosecond.
func (m *Manifest) UnmarshalJSON(b []byte) error {
	var j manifestJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = Manifest(j.manifestFields)
	m.Elapsed = time.Duration(math.Round(j.ElapsedSeconds * float64(time.Second)))
	return nil
}

// ModelHash returns the SHA-256 of the resolved model's bytes (model.yaml), in
// lower-case hex: two runs of the same resolved model have the same hash.
func ModelHash(yaml []byte) string {
	sum := sha256.Sum256(yaml)
	return hex.EncodeToString(sum[:])
}

// fillDefaults sets the fields of m that Write fills from the run.
func (m *Manifest) fillDefaults(r Run) {
	if m.Program == "" {
		m.Program = DefaultProgram
	}
	if m.GoVersion == "" {
		m.GoVersion = runtime.Version()
	}
	if m.Platform == "" {
		m.Platform = runtime.GOOS + "/" + runtime.GOARCH
	}
	if m.ModelHash == "" {
		m.ModelHash = ModelHash(r.ModelYAML)
	}
	if len(r.Results) == 0 {
		return
	}
	if m.Seed == 0 {
		m.Seed = r.Results[0].Seed
	}
	if m.Patients == 0 {
		m.Patients = r.Results[0].Patients
	}
	if len(m.Scenarios) == 0 {
		for _, res := range r.Results {
			m.Scenarios = append(m.Scenarios, scenarioLabel(res))
		}
	}
}

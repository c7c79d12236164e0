package shard

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// A part file, as written by Write:
//
//	blinasim-part 1\n        the magic line, with the format version
//	{...header JSON...}\n    one line (Header)
//	payload                  sections of arrays of integers (below)
//	SHA-256                  32 bytes: the checksum of everything before it
//
// The payload is uvarint(number of sections), and per section
// uvarint(number of arrays), and per array uvarint(length) then its integers
// as zig-zag varints (encoding/binary's AppendVarint): counts cost a byte or
// two each and the empty bins of a histogram one byte.

// Format is the version of the part format that this package writes and reads.
const Format = 1

const magic = "blinasim-part 1\n"

// Ext is the part files' extension.
const Ext = ".blinasim-part"

// Header says which run a part belongs to and which share of it it holds.
type Header struct {
	Format  int    `json:"format"`
	Program string `json:"program"` // "blinasim"
	Version string `json:"version"` // the program's version: parts of different versions do not merge
	// Build is the program's source revision (vcs.revision, with
	// "+modified" for uncommitted changes) when the build recorded it.
	Build string `json:"build,omitempty"`
	// Platform is GOOS/GOARCH: another architecture may round floating
	// point otherwise (fused multiply-adds on arm64), so parts of different
	// platforms do not merge.
	Platform  string   `json:"platform"`
	Command   string   `json:"command"` // run, compare or sensitivity
	Args      []string `json:"args"`    // the command line of the shard, to rerun one
	ModelHash string   `json:"model_hash"`
	Seed      uint64   `json:"seed"`
	Shard     int      `json:"shard"`  // K, 0 ≤ K < Shards
	Shards    int      `json:"shards"` // N
	Units     []Units  `json:"units"`  // the spans of work the shard did
	// Settings are the command's settings that its outputs depend on (the
	// resolved models, the number of patients, figure settings...), as the
	// command wrote them; parts merge only if they are the same.
	Settings json.RawMessage `json:"settings"`
}

// Units is a span of a run's units of work that a shard did: units Lo..Hi-1
// of Total.
type Units struct {
	Kind  string `json:"kind"` // e.g. "patients", "psa draws", "sensitivity points"
	Total int    `json:"total"`
	Lo    int    `json:"lo"`
	Hi    int    `json:"hi"`
}

// Part is a part file's content.
type Part struct {
	Header
	Sections [][][]int64
}

// Name is the file name of shard k of n, numbered with leading zeros so
// that names sort in shard order.
func Name(k, n int) string {
	w := len(fmt.Sprint(n - 1))
	return fmt.Sprintf("part-%0*d-of-%d%s", w, k, n, Ext)
}

// Encode returns the part file's bytes.
func (p *Part) Encode() ([]byte, error) {
	h := p.Header
	h.Format = Format
	hj, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("part header: %w", err)
	}
	b := append([]byte(magic), hj...)
	b = append(b, '\n')
	b = binary.AppendUvarint(b, uint64(len(p.Sections)))
	for _, s := range p.Sections {
		b = binary.AppendUvarint(b, uint64(len(s)))
		for _, a := range s {
			b = binary.AppendUvarint(b, uint64(len(a)))
			for _, x := range a {
				b = binary.AppendVarint(b, x)
			}
		}
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...), nil
}

// Write writes the part to path atomically: into a temporary file beside it,
// then renamed, so that a part file is always whole (a shard killed while
// writing leaves none, and is rerun).
func Write(path string, p *Part) error {
	b, err := p.Encode()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// ErrCorrupt marks a part file that is not a whole, unaltered part file.
var ErrCorrupt = errors.New("not a whole blinasim part file")

// Decode reads a part file's bytes. A file cut short, altered, or of
// another format is an error wrapping ErrCorrupt.
func Decode(b []byte) (*Part, error) {
	if !bytes.HasPrefix(b, []byte("blinasim-part ")) {
		return nil, fmt.Errorf("%w: it does not begin with %q", ErrCorrupt, "blinasim-part")
	}
	if !bytes.HasPrefix(b, []byte(magic)) {
		line, _, _ := bytes.Cut(b, []byte("\n"))
		return nil, fmt.Errorf("%w: format %q; this program reads format %d (merge with the version that wrote it)", ErrCorrupt, line, Format)
	}
	if len(b) < len(magic)+sha256.Size {
		return nil, fmt.Errorf("%w: cut short (%d bytes)", ErrCorrupt, len(b))
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, fmt.Errorf("%w: its checksum does not match (cut short or altered)", ErrCorrupt)
	}
	hj, payload, ok := bytes.Cut(body[len(magic):], []byte("\n"))
	if !ok {
		return nil, fmt.Errorf("%w: no header line", ErrCorrupt)
	}
	p := &Part{}
	if err := json.Unmarshal(hj, &p.Header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	d := decoder{b: payload}
	ns := d.count()
	for i := 0; i < ns && d.err == nil; i++ {
		na := d.count()
		s := make([][]int64, 0, na)
		for j := 0; j < na && d.err == nil; j++ {
			n := d.count()
			a := make([]int64, n)
			for k := range a {
				a[k] = d.varint()
			}
			s = append(s, a)
		}
		p.Sections = append(p.Sections, s)
	}
	if d.err == nil && len(d.b) > 0 {
		d.err = fmt.Errorf("%d bytes after the payload", len(d.b))
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrCorrupt, d.err)
	}
	return p, nil
}

// Read reads and decodes the part file path.
func Read(path string) (*Part, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Decode(b)
}

// decoder reads varints, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

// count reads a length, which cannot exceed the bytes left (every element
// takes at least one), so that no length allocates more than the file's size.
func (d *decoder) count() int {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 || x > uint64(len(d.b)-n) {
		d.err = errors.New("a length past the end")
		return 0
	}
	d.b = d.b[n:]
	return int(x)
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errors.New("a number cut short")
		return 0
	}
	d.b = d.b[n:]
	return x
}

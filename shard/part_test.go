package shard

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestPartRoundTrip: a part written and read back is the same part, integers
// of every size included, and the file's name sorts in shard order.
func TestPartRoundTrip(t *testing.T) {
	p := &Part{Header: Header{Program: "blinasim", Version: "v", Command: "run", Args: []string{"blinasim", "run"},
		ModelHash: "abc", Seed: 7, Shard: 2, Shards: 12, Units: []Units{{Kind: "patients", Total: 10, Lo: 1, Hi: 2}},
		Settings: []byte(`{"patients":10}`)},
		Sections: [][][]int64{{{0, 1, -1, math.MaxInt64, math.MinInt64}, {}}, {}, {{42}}}}
	path := filepath.Join(t.TempDir(), Name(2, 12))
	if filepath.Base(path) != "part-02-of-12"+Ext {
		t.Errorf("name %s", filepath.Base(path))
	}
	if err := Write(path, p); err != nil {
		t.Fatal(err)
	}
	back, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	want := *p
	want.Format = Format
	want.Sections[1] = nil // an empty section reads back as nil
	back.Sections[1] = nil
	if !reflect.DeepEqual(*back, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", *back, want)
	}
	// Every byte matters: a flipped bit anywhere, or a cut, is caught.
	b, _ := os.ReadFile(path)
	for i := 0; i < len(b); i += 7 {
		c := append([]byte(nil), b...)
		c[i] ^= 1
		if _, err := Decode(c); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("byte %d flipped: err %v", i, err)
		}
	}
	for _, n := range []int{0, 10, len(b) - 1} {
		if _, err := Decode(b[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("cut at %d: err %v", n, err)
		}
	}
}

// FuzzDecode: no input makes Decode panic or allocate past its size (every
// length is checked against the bytes left), and what it accepts encodes
// again.
func FuzzDecode(f *testing.F) {
	p := &Part{Header: Header{Program: "blinasim", Shard: 0, Shards: 1}, Sections: [][][]int64{{{1, -2, 3}}, {{}}}}
	b, err := p.Encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(magic))
	f.Add([]byte("blinasim-part 2\n{}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Decode(b)
		if err != nil {
			return
		}
		if _, err := p.Encode(); err != nil {
			t.Fatal(err)
		}
	})
}

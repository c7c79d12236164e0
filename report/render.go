package report

import (
	"fmt"
	"image/color"
	"io"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Rendering: one figure, built once by its builder, drawn on the canvas of
// each format asked for. Every format is reproducible byte for byte: the same
// run writes the same files.

// pdfDate is the creation date every PDF carries, so that the same run gives
// the same file (as SOURCE_DATE_EPOCH does for reproducible builds); the run's
// date is in manifest.json.
var pdfDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// pdfDefaults makes the PDF library, whose document gonum/plot keeps private,
// write a fixed date and its resources in a fixed order. It changes the
// library's defaults for new documents, once, before the first PDF.
var pdfDefaults = sync.OnceFunc(func() {
	fpdf.SetDefaultCreationDate(pdfDate)
	fpdf.SetDefaultModificationDate(pdfDate)
	fpdf.SetDefaultCatalogSort(true)
})

// newCanvas returns an empty white canvas of the given format and size; dpi
// is the resolution of a PNG.
func newCanvas(format string, w, h vg.Length, dpi int) (vg.CanvasWriterTo, error) {
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
		return pngCanvas{Canvas: img, dpi: dpi}, nil
	case "svg":
		c = newSVGCanvas(w, h)
	case "pdf":
		c = newPDFCanvas(w, h)
	default:
		return nil, fmt.Errorf("unknown figure format %q", format)
	}
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	return c, nil
}

// render draws the figure in the given format and writes it to w. A panic
// while drawing (gonum/plot panics on some degenerate sizes, as its colour
// bar did on a negative height) becomes an error: the run warns, leaves that
// figure out and writes everything else; nothing of the figure is written,
// since it is drawn whole before it is written.
func render(w io.Writer, format string, f *figure, set Figures) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing the figure failed (a bug, please report it with the run's model.yaml): %v", r)
		}
	}()
	width, height := f.size(set)
	c, err := newCanvas(format, width, height, set.DPI)
	if err != nil {
		return err
	}
	if err := f.draw(draw.New(c)); err != nil {
		return err
	}
	_, err = c.WriteTo(w)
	return err
}

// figureFiles returns the files of one figure, name.png, name.svg ..., one
// per format of the settings, each drawn from the figure build makes.
func figureFiles(name string, set Figures, build func() (*figure, error)) []file {
	var out []file
	build = fitted(build, set)
	for _, format := range set.Formats {
		out = append(out, file{name: name + "." + format, write: func(w io.Writer) error {
			f, err := build()
			if err != nil {
				return &figureError{err}
			}
			rw := &recordWriter{w: w}
			if err := render(rw, format, f, set); err != nil {
				if rw.err != nil { // the disk, not the figure
					return rw.err
				}
				return &figureError{err}
			}
			return nil
		}, figure: build})
	}
	return out
}

// recordWriter remembers the first error of the writer it wraps.
type recordWriter struct {
	w   io.Writer
	err error
}

func (r *recordWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

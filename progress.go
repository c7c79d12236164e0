package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (progress bars only go there).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws a bar on a terminal, redrawn a few times a second; when off
// it only counts. add is safe for concurrent use (the engine's workers call it).
type progress struct {
	w     io.Writer
	total int64
	n     atomic.Int64
	stop  chan struct{}
	wg    sync.WaitGroup
	start time.Time
}

func newProgress(w io.Writer, on bool, total int64) *progress {
	p := &progress{w: w, total: total, start: time.Now()}
	if !on {
		return p
	}
	p.stop = make(chan struct{})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				p.draw()
				fmt.Fprintln(p.w)
				return
			case <-tick.C:
				p.draw()
			}
		}
	}()
	return p
}

func (p *progress) add(n int) { p.n.Add(int64(n)) }

func (p *progress) draw() {
	fmt.Fprint(p.w, "\r"+progressLine(p.n.Load(), p.total, time.Since(p.start)))
}

// progressLine is the bar after n of total patient simulations in elapsed
// time, with the rate and, once some are done, the estimated time left at
// that rate: "[###       ]  10% 1000000/10000000 patients, 5.2M/s, 2s left ".
func progressLine(n, total int64, elapsed time.Duration) string {
	const width = 30
	frac := 0.0
	if total > 0 {
		frac = math.Min(1, float64(n)/float64(total))
	}
	filled := int(frac * width)
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(n) / s
	}
	line := fmt.Sprintf("[%s%s] %3.0f%% %d/%d patients, %.2gM/s", strings.Repeat("#", filled),
		strings.Repeat(" ", width-filled), 100*frac, n, total, rate/1e6)
	if n > 0 && n < total {
		left := time.Duration(float64(elapsed) * float64(total-n) / float64(n))
		line += ", " + formatLeft(left) + " left"
	}
	return line + " "
}

// formatLeft writes a time left to the second: "45s", "3m05s", "2h04m".
func formatLeft(d time.Duration) string {
	s := int64(math.Ceil(d.Seconds()))
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
}

// done stops the bar (idempotent).
func (p *progress) done() {
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
		p.stop = nil
	}
}

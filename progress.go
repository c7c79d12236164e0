package main

import (
	"fmt"
	"io"
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
	const width = 30
	n := p.n.Load()
	frac := float64(n) / float64(p.total)
	filled := int(frac * width)
	rate := float64(n) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%% %d/%d patients, %.2gM/s%s ", strings.Repeat("#", filled),
		strings.Repeat(" ", width-filled), 100*frac, n, p.total, rate/1e6, eta(p.total-n, rate))
}

// eta says how long the rest (left patients) takes at rate patients per
// second, rounded to the second: ", 1m05s left"; "" until there is a rate.
func eta(left int64, rate float64) string {
	if !(rate > 0) || left <= 0 {
		return ""
	}
	return ", " + time.Duration(float64(left)/rate*float64(time.Second)).Round(time.Second).String() + " left"
}

// done stops the bar (idempotent).
func (p *progress) done() {
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
		p.stop = nil
	}
}

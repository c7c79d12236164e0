package main

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chromiumFlags run Debian's chromium headless on a machine without network
// or display, with a fresh profile.
func chromiumFlags(profile string) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
		"--hide-scrollbars", "--force-device-scale-factor=1"}
}

// probeScript is added to a copy of report.html: after the page loads it
// writes each figure's box and style, the texts that reach outside it, and
// the page's size, into the DOM, and
// logs "probe-ok" (so that the console is shown to be read).
const probeScript = `<script>
window.addEventListener("load", () => {
  const figures = [];
  document.querySelectorAll("figure").forEach(f => {
    const s = f.querySelector("svg"), r = s.getBoundingClientRect(), cs = getComputedStyle(s);
    const clipped = [];
    s.querySelectorAll("text").forEach(t => {
      const b = t.getBoundingClientRect();
      if (b.left < r.left - 0.5 || b.right > r.right + 0.5 || b.top < r.top - 0.5 || b.bottom > r.bottom + 0.5) {
        clipped.push(t.textContent);
      }
    });
    figures.push({id: f.id, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height,
      visibility: cs.visibility, display: cs.display, clipped: clipped});
  });
  const p = document.createElement("pre");
  p.id = "probe";
  p.textContent = JSON.stringify({figures: figures, width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight});
  document.body.appendChild(p);
  console.log("probe-ok");
});
</script>`

// htmlWindowWidth is the browser window's width: a desktop screen's.
const htmlWindowWidth = 1600

// probe is what probeScript reports.
type probe struct {
	Figures []struct {
		ID                  string
		X, Y, W, H          float64
		Visibility, Display string
		Clipped             []string // texts that reach outside the figure
	}
	Width, Height int
}

// TestReportHTMLInChromium opens a compare run's report.html in headless
// chromium: it loads with no console message but the probe's and no request
// outside the file, every figure is laid out visible with its size, and a
// screenshot of the page shows ink in every figure's box (no blank figure).
// It needs chromium and fails, never skips, without it. It takes half a
// minute, so it runs only with REPORT_HTML_BROWSER_TEST=1, as the CI step
// .ci/steps.d/41-report-html.sh sets it.
func TestReportHTMLInChromium(t *testing.T) {
	if os.Getenv("REPORT_HTML_BROWSER_TEST") != "1" {
		t.Skip("a half-minute browser test: run it with REPORT_HTML_BROWSER_TEST=1 go test -run TestReportHTMLInChromium .")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is missing: apt-get install chromium")
	}
	dir := t.TempDir()
	args := []string{"compare", "after-blin-no-consolidation", "after-blin-second-hsct", "--patients", "1000",
		"--psa", "3", "--out", "cmp", "-q", "--formats", "svg"}
	if code, _, stderr := cli(t, context.Background(), dir, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "cmp", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:|//)[^"]*"|@import|url\(\s*["']?https?:`).Find(page); m != nil {
		t.Errorf("report.html refers to the network: %s", m)
	}
	svgs, _ := filepath.Glob(filepath.Join(dir, "cmp", "*.svg"))
	probed := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probed, []byte(strings.Replace(string(page), "</body>", probeScript+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + probed

	dom, logs := runChromium(t, chromium, filepath.Join(dir, "profile1"), "--dump-dom",
		fmt.Sprintf("--window-size=%d,%d", htmlWindowWidth, 1000), url)
	checkConsole(t, logs)
	m := regexp.MustCompile(`(?s)<pre id="probe">(.*?)</pre>`).FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run: the page did not load\n%s", logs)
	}
	var p probe
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(m[1]), "&quot;", `"`)), &p); err != nil {
		t.Fatalf("probe %s: %v", m[1], err)
	}
	if len(p.Figures) != len(svgs) || len(svgs) == 0 {
		t.Errorf("%d figures in the page, %d SVG files in the run", len(p.Figures), len(svgs))
	}
	for _, f := range p.Figures {
		if len(f.Clipped) > 0 {
			t.Errorf("figure %s: %d texts cut at its edge (a font with other metrics?), e.g. %q", f.ID, len(f.Clipped), f.Clipped[0])
		}
		if f.W < 200 || f.H < 200 || f.Visibility != "visible" || f.Display == "none" {
			t.Errorf("figure %s: %.0f×%.0f px, visibility %s, display %s: want visible, at least 200×200",
				f.ID, f.W, f.H, f.Visibility, f.Display)
		}
	}

	shot := filepath.Join(dir, "page.png")
	_, logs = runChromium(t, chromium, filepath.Join(dir, "profile2"), "--screenshot="+shot,
		fmt.Sprintf("--window-size=%d,%d", htmlWindowWidth, p.Height), url)
	checkConsole(t, logs)
	img := readPNG(t, shot)
	for _, f := range p.Figures {
		r := image.Rect(int(f.X), int(f.Y), int(f.X+f.W), int(f.Y+f.H))
		if !r.In(img.Bounds()) {
			t.Errorf("figure %s at %v lies outside the %v screenshot", f.ID, r, img.Bounds())
			continue
		}
		if ink := inkShare(img, r); ink < 0.02 {
			t.Errorf("figure %s is blank in the screenshot: %.2f%% of its pixels are not white", f.ID, 100*ink)
		}
	}
	t.Logf("%d figures, page %d×%d px", len(p.Figures), p.Width, p.Height)
}

// runChromium runs chromium with the flags on url and returns its standard
// output and its log.
func runChromium(t *testing.T, chromium, profile string, args ...string) (stdout, logs []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90e9)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, append(chromiumFlags(profile), args...)...)
	var errb strings.Builder
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
	}
	return out, []byte(errb.String())
}

// checkConsole fails on any console message but the probe's.
func checkConsole(t *testing.T, logs []byte) {
	t.Helper()
	for _, line := range strings.Split(string(logs), "\n") {
		if strings.Contains(line, ":CONSOLE") && !strings.Contains(line, `"probe-ok"`) {
			t.Errorf("console: %s", line)
		}
	}
}

// readPNG decodes a PNG file.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inkShare is the share of r's pixels that are not near white.
func inkShare(img image.Image, r image.Rectangle) float64 {
	ink := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(max(1, r.Dx()*r.Dy()))
}

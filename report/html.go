package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"gonum.org/v1/plot/font"
)

// report.html: one self-contained page per run, for a reader without R or a
// terminal: the summary tables (summary.md, published targets beside the
// simulated figures), every figure as inline SVG, the model's parameters with
// their sources, and the manifest. It loads nothing from anywhere (no script,
// no font, no style sheet outside the file), so it opens offline and can be
// mailed as one file.

// htmlPage is what report.html shows.
type htmlPage struct {
	title     string
	summary   Summary
	figures   []file // the run's files; those with a figure are drawn
	modelYAML []byte
	manifest  Manifest
	set       Figures
}

// htmlFigure is one figure of the page.
type htmlFigure struct {
	Name string
	SVG  template.HTML
}

// htmlLeftOut is a figure that cannot be drawn, named on the page with why.
type htmlLeftOut struct{ Name, Reason string }

// htmlParameter is one row of the parameters table.
type htmlParameter struct {
	Scenario, Name, Title, Value, Uncertainty, Source string
}

var htmlTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
@font-face { font-family: "Liberation Sans"; src: url(data:font/ttf;base64,{{.Font}}) format("truetype"); }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; margin: 2em auto; max-width: 120em; padding: 0 1em; color: #111; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
td.text { text-align: left; }
figure { display: inline-block; margin: 0.5em; vertical-align: top; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #444; }
pre { background: #f6f6f6; padding: 0.5em; overflow-x: auto; font-size: 0.85em; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Intervals}}</p>
<nav><a href="#summary">Summary</a> · <a href="#figures">Figures</a> · <a href="#parameters">Parameters</a> · <a href="#manifest">Manifest</a></nav>
<section id="summary">
{{.Summary}}
</section>
<section id="figures">
<h2>Figures</h2>
{{range .Figures}}<figure id="fig-{{.Name}}">{{.SVG}}<figcaption>{{.Name}}</figcaption></figure>
{{end}}{{range .LeftOut}}<p class="left-out">Figure {{.Name}} left out: {{.Reason}}</p>
{{end}}</section>
<section id="parameters">
<h2>Parameters</h2>
<table>
<tr><th>Scenario</th><th>Parameter</th><th>Value</th><th>Uncertainty</th><th>Source</th></tr>
{{range .Parameters}}<tr><td>{{.Scenario}}</td><td class="text">{{if .Title}}{{.Title}} ({{end}}<code>{{.Name}}</code>{{if .Title}}){{end}}</td><td>{{.Value}}</td><td class="text">{{.Uncertainty}}</td><td class="text">{{.Source}}</td></tr>
{{end}}</table>
</section>
<section id="manifest">
<h2>Manifest</h2>
<pre>{{.Manifest}}</pre>
</section>
</body>
</html>
`))

// writeHTML writes report.html.
func writeHTML(w io.Writer, p htmlPage) error {
	var figs []htmlFigure
	var leftOut []htmlLeftOut // figures that cannot be drawn, as the figure files are left out (figureError)
	seen := map[string]bool{}
	for _, f := range p.figures {
		if f.figure == nil {
			continue
		}
		stem := strings.TrimSuffix(f.name, f.name[strings.LastIndexByte(f.name, '.'):])
		if seen[stem] {
			continue
		}
		seen[stem] = true
		fig, err := f.figure()
		var b bytes.Buffer
		if err == nil {
			err = render(&b, "svg", fig, p.set)
		}
		if err != nil {
			leftOut = append(leftOut, htmlLeftOut{Name: stem, Reason: err.Error()})
			continue
		}
		figs = append(figs, htmlFigure{Name: stem, SVG: template.HTML(inlineSVG(b.Bytes()))})
	}
	var md strings.Builder
	if err := writeMarkdown(&md, p.summary); err != nil {
		return err
	}
	var man bytes.Buffer
	if err := writeJSON(&man, p.manifest); err != nil {
		return err
	}
	params, err := htmlParameters(p.modelYAML)
	if err != nil {
		return fmt.Errorf("model.yaml: %w", err)
	}
	font, err := figureFontData()
	if err != nil {
		return err
	}
	return htmlTemplate.Execute(w, map[string]any{
		"Font": font, "Title": p.title, "Intervals": p.summary.Intervals, "Summary": markdownHTML(md.String()),
		"Figures": figs, "LeftOut": leftOut, "Parameters": params, "Manifest": man.String(),
	})
}

// figureFontData returns the figures' face (Liberation Sans) as base64, for
// the page's @font-face: the figures' text is laid out with its metrics, and
// a browser without it (chromium on Debian falls back to the wider DejaVu
// Sans) cut the titles at the figures' edges.
func figureFontData() (template.CSS, error) {
	var raw bytes.Buffer
	face := font.DefaultCache.Lookup(figureFont, defaultFontSize)
	if _, err := face.Face.WriteSourceTo(nil, &raw); err != nil {
		return "", fmt.Errorf("the figures' font: %w", err)
	}
	return template.CSS(base64.StdEncoding.EncodeToString(raw.Bytes())), nil
}

// svgProlog matches what precedes the <svg> element of a file: the XML
// declaration and doctype, which HTML does not take inline.
var svgProlog = regexp.MustCompile(`(?s)^.*?(<svg[\s>])`)

// inlineSVG returns an SVG file's <svg> element for inline use.
func inlineSVG(b []byte) string {
	return svgProlog.ReplaceAllString(string(b), "$1")
}

// htmlParameters reads the parameters of each model document of model.yaml.
func htmlParameters(modelYAML []byte) ([]htmlParameter, error) {
	var out []htmlParameter
	dec := yaml.NewDecoder(bytes.NewReader(modelYAML))
	for {
		var doc struct {
			Name       string `yaml:"name"`
			Parameters []struct {
				Name        string         `yaml:"name"`
				Title       string         `yaml:"title"`
				Value       any            `yaml:"value"`
				Source      string         `yaml:"source"`
				Uncertainty map[string]any `yaml:"uncertainty"`
			} `yaml:"parameters"`
		}
		err := dec.Decode(&doc)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		for _, p := range doc.Parameters {
			out = append(out, htmlParameter{Scenario: doc.Name, Name: p.Name, Title: p.Title,
				Value: fmt.Sprint(p.Value), Uncertainty: uncertaintyText(p.Uncertainty), Source: p.Source})
		}
	}
}

// uncertaintyText writes a parameter's uncertainty: "beta a=29 b=35".
func uncertaintyText(u map[string]any) string {
	if len(u) == 0 {
		return "fixed"
	}
	parts := []string{fmt.Sprint(u["dist"])}
	for _, k := range slices.Sorted(maps.Keys(u)) {
		if k != "dist" {
			parts = append(parts, fmt.Sprintf("%s=%v", k, u[k]))
		}
	}
	return strings.Join(parts, " ")
}

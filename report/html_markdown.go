package report

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// markdownHTML turns summary.md into HTML. It reads only what markdown.go
// writes: headings (#, ##, ###), pipe tables whose second line is the rule,
// paragraphs, and `code` spans; everything is escaped first, so no text of a
// model (titles, sources) can inject markup.
func markdownHTML(md string) template.HTML {
	var b strings.Builder
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			level := len(line) - len(strings.TrimLeft(line, "#"))
			level = min(level+1, 6) // the page's own title is h1
			tag := "h" + string(rune('0'+level))
			b.WriteString("<" + tag + ">" + inlineMarkdown(strings.TrimSpace(line[level-1:])) + "</" + tag + ">\n")
		case strings.HasPrefix(line, "|"):
			b.WriteString("<table>\n")
			for j := i; j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), "|"); j++ {
				i = j
				if isRule(lines[j]) {
					continue
				}
				cell := "td"
				if j+1 < len(lines) && isRule(lines[j+1]) {
					cell = "th"
				}
				b.WriteString("<tr>")
				for _, c := range tableCells(lines[j]) {
					b.WriteString("<" + cell + ">" + inlineMarkdown(c) + "</" + cell + ">")
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		default:
			b.WriteString("<p>" + inlineMarkdown(line) + "</p>\n")
		}
	}
	return template.HTML(b.String()) //nolint:gosec // every piece of text is escaped by inlineMarkdown
}

// ruleCell matches a cell of a table's rule row: --- or ---:.
var ruleCell = regexp.MustCompile(`^:?-{3,}:?$`)

// isRule reports whether a table line is the rule under the header.
func isRule(line string) bool {
	cells := tableCells(line)
	for _, c := range cells {
		if !ruleCell.MatchString(c) {
			return false
		}
	}
	return len(cells) > 0
}

// tableCells splits a pipe-table line into its cells (\| is a literal bar).
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	parts := strings.Split(strings.ReplaceAll(line, `\|`, "\x00"), "|")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(strings.ReplaceAll(p, "\x00", "|"))
	}
	return parts
}

// codeSpan matches a `code` span of escaped text.
var codeSpan = regexp.MustCompile("`([^`]*)`")

// inlineMarkdown escapes s and turns its `code` spans into <code>.
func inlineMarkdown(s string) string {
	return codeSpan.ReplaceAllString(html.EscapeString(s), "<code>$1</code>")
}

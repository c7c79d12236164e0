package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// This file holds every number format the package writes: the machine format
// of the CSV and JSON files, and the readable format of summary.md.

// sigDigits is the number of significant digits of every number in the CSV
// and JSON files (strconv 'g' format).
const sigDigits = 6

// na is how the CSV files write a figure that does not exist, as R expects.
const na = "NA"

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// formatNumber writes x with sigDigits significant digits, or "NA" if x is
// NaN or infinite. Negative zero is written as 0.
func formatNumber(x float64) string {
	if !finite(x) {
		return na
	}
	if x == 0 {
		x = 0 // drops the sign of -0
	}
	return strconv.FormatFloat(x, 'g', sigDigits, 64)
}

// Number is a figure in summary.json. It is written with the package's number
// format (6 significant digits), and as null when it does not exist (NaN or
// ±Inf, e.g. a median never reached); null reads back as NaN.
type Number float64

// MarshalJSON writes the number, or null if it is not finite.
func (n Number) MarshalJSON() ([]byte, error) {
	if !finite(float64(n)) {
		return []byte("null"), nil
	}
	return []byte(formatNumber(float64(n))), nil
}

// UnmarshalJSON reads a number, or null as NaN.
func (n *Number) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*n = Number(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = Number(f)
	return nil
}

// The readable formats of summary.md.

// notReached is how summary.md writes +Inf: a median (or bound) never reached.
const notReached = "NR"

// notEstimable is how summary.md writes a figure past the end of follow-up.
const notEstimable = "not estimable"

// timeDecimals is the number of decimals that shows x to 3 significant
// digits (at least 0); 1 if x is 0 or not finite.
func timeDecimals(x float64) int {
	if x == 0 || !finite(x) {
		return 1
	}
	return max(0, 2-int(math.Floor(math.Log10(math.Abs(x)))))
}

// mdFixed writes x with d decimals; +Inf is "NR", NaN "NA".
func mdFixed(x float64, d int) string {
	switch {
	case math.IsInf(x, 1):
		return notReached
	case !finite(x):
		return na
	}
	return strconv.FormatFloat(x, 'f', d, 64)
}

// mdExact writes a time the model states (horizon, landmark) in full: 12, 0.5.
func mdExact(x float64) string { return formatNumber(x) }

// mdPercent writes a probability as a percentage with one decimal, without
// the % sign: 0.8234 is "82.3". NaN or ±Inf is "NA".
func mdPercent(p float64) string {
	if !finite(p) {
		return na
	}
	s := strconv.FormatFloat(100*p, 'f', 1, 64)
	if s == "-0.0" {
		s = "0.0"
	}
	return s
}

// mdEstimate writes a time-like estimate with its interval, all with the
// decimals that show the value (or, if it does not exist, its lower bound) to
// 3 significant digits: "2.70 (2.50–2.90)", "NR (16.5–NR)"; just the value
// when neither bound exists.
func mdEstimate(value, lower, upper float64) string {
	d := timeDecimals(value)
	if !finite(value) && finite(lower) {
		d = timeDecimals(lower)
	}
	if math.IsNaN(lower) && math.IsNaN(upper) {
		return mdFixed(value, d)
	}
	return mdFixed(value, d) + " (" + mdFixed(lower, d) + "–" + mdFixed(upper, d) + ")"
}

// mdProbability writes a probability with its interval as percentages:
// "82.3% (81.5–83.1)".
func mdProbability(value, lower, upper float64) string {
	if !finite(value) {
		return na
	}
	s := mdPercent(value) + "%"
	if math.IsNaN(lower) && math.IsNaN(upper) {
		return s
	}
	return s + " (" + mdPercent(lower) + "–" + mdPercent(upper) + ")"
}

// mdCell makes s safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// plural names a unit in the plural: "months".
func plural(unit string) string { return unit + "s" }

// formatBool writes a boolean in the one spelling R's read.csv and
// readr::read_csv read as logical: TRUE or FALSE.
func formatBool(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

package model

import (
	"fmt"
	"strings"
)

// Unit is a model's time unit. Every time in a model (horizon, durations,
// scales, breaks) is in its unit, and every rate is per unit.
type Unit int

// The time units a model may use. Month is 30.44 days and year 365.25 days,
// as in the seed-study notes (SEEDS.md: "1 month = 30.44 days").
const (
	Day Unit = iota + 1
	Week
	Month
	Year
)

// daysPer is the length of each unit in days.
var daysPer = [...]float64{Day: 1, Week: 7, Month: 30.44, Year: 365.25}

// Days returns the length of the unit in days.
func (u Unit) Days() float64 {
	if u < Day || u > Year {
		panic(fmt.Sprintf("model: invalid unit %d", int(u)))
	}
	return daysPer[u]
}

// Convert returns x, a time in unit from, expressed in unit u.
func (u Unit) Convert(x float64, from Unit) float64 {
	if u == from {
		return x
	}
	return x * from.Days() / u.Days()
}

// String returns the unit's name as written in model files.
func (u Unit) String() string {
	switch u {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return fmt.Sprintf("Unit(%d)", int(u))
}

// Suffix returns the short suffix a duration in this unit carries (28d, 6w, 2.8mo, 5y).
func (u Unit) Suffix() string {
	switch u {
	case Day:
		return "d"
	case Week:
		return "w"
	case Month:
		return "mo"
	case Year:
		return "y"
	}
	return "?"
}

// ParseUnit reads a unit name: day, week, month or year (singular or plural,
// or the suffixes d, w, mo, y).
func ParseUnit(s string) (Unit, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "day", "days", "d":
		return Day, nil
	case "week", "weeks", "w", "wk":
		return Week, nil
	case "month", "months", "mo":
		return Month, nil
	case "year", "years", "y", "yr":
		return Year, nil
	}
	return 0, fmt.Errorf("unknown time unit %q (allowed: day, week, month, year)", s)
}

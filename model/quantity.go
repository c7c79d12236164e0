package model

import (
	"fmt"
	"strconv"
)

// Quantity is a number in a model: either a literal Value or a reference to a
// named Parameter (Param non-empty), whose value is looked up when the model is
// resolved. This is what lets "any number in a model be a named parameter".
type Quantity struct {
	Value float64 // the literal value, in the model's units; ignored when Param is set
	Param string  // the name of a Parameter supplying the value, or ""
}

// Num returns a literal quantity.
func Num(v float64) Quantity { return Quantity{Value: v} }

// Ref returns a quantity that takes its value from the named parameter.
func Ref(name string) Quantity { return Quantity{Param: name} }

// IsRef reports whether q refers to a parameter.
func (q Quantity) IsRef() bool { return q.Param != "" }

// String writes a literal as its number and a reference as the parameter's name.
func (q Quantity) String() string {
	if q.Param != "" {
		return q.Param
	}
	return strconv.FormatFloat(q.Value, 'g', -1, 64)
}

// Values maps parameter names to values (in the model's units).
type Values map[string]float64

// Resolve returns the quantity's number, looking references up in vals.
func (v Values) Resolve(q Quantity) (float64, error) {
	if q.Param == "" {
		return q.Value, nil
	}
	x, ok := v[q.Param]
	if !ok {
		return 0, fmt.Errorf("unknown parameter %q", q.Param)
	}
	return x, nil
}

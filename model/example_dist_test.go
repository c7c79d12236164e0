package model

import "fmt"

// The printed values agree with mpmath evaluations of the closed forms
// (e.g. exp(-(6/4)^1.3) = 0.18378 for the Weibull's S(6)).

func ExampleWeibull() {
	// A rising hazard: stats::pweibull(t, shape = 1.3, scale = 4 months).
	w := Weibull{Shape: 1.3, Scale: 4}
	fmt.Printf("median %.3f months, mean %.3f months\n", w.Quantile(0.5), w.Mean())
	fmt.Printf("S(6 months) = %.4f\n", w.Survival(6))
	// Output:
	// median 3.017 months, mean 3.694 months
	// S(6 months) = 0.1838
}

func ExampleCure() {
	// Relapse in years: 30% never relapse, the others after a log-normal time.
	c := Cure{Fraction: 0.3, Base: LogNormal{MeanLog: 0, SdLog: 0.9}}
	fmt.Printf("5-year relapse-free survival %.3f\n", c.Survival(5))
	fmt.Printf("median %.3f years; 75th percentile %v (more than 70%% never relapse)\n", c.Quantile(0.5), c.Quantile(0.75))
	// Output:
	// 5-year relapse-free survival 0.326
	// median 1.664 years; 75th percentile +Inf (more than 70% never relapse)
}

func ExampleDistribution_inversion() {
	// The simulator's draw: T = H⁻¹(H(t0) + E), here for a patient already 2
	// years into a clock-forward Gompertz exit, with E = -log U for U = 0.5.
	var d Distribution = Gompertz{Shape: 0.1, Rate: 0.02}
	t0, e := 2.0, 0.6931471805599453
	fmt.Printf("event at %.3f years\n", d.InvCumHazard(d.CumHazard(t0)+e))
	// Output: event at 15.448 years
}

func ExampleUncertainty_Quantile() {
	// p_cr from "29 of 64" patients: Beta(29, 35), drawn by inversion.
	u := BetaFromCounts(29, 64)
	fmt.Printf("mean %.4f, 2.5%% %.3f, 97.5%% %.3f\n", u.Mean(), u.Quantile(0.025), u.Quantile(0.975))
	// Output: mean 0.4531, 2.5% 0.334, 97.5% 0.575
}

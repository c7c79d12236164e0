package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

func newCompareCmd() *cobra.Command {
	v := viper.New()
	cmd := &cobra.Command{
		Use:   "compare BASE SCENARIO...",
		Short: "Run scenarios and a base on the same patients and report their differences",
		Long: `Simulate a base model and one or more scenarios (files, or shipped names) on the
same patients (common random numbers), and report each scenario minus the base:
landmark survival, median and RMST, with 95% intervals that account for the
pairing (compare.csv, and a section of summary.md), beside the unpaired interval
two separate runs would give. Everything 'run' writes for several files is
written too: every scenario's curves (survival.png overlays them), summaries,
and with --psa N a sensitivity analysis of each, its draws paired across
scenarios (draw d gives a parameter the same value in every scenario).

The flags are run's. Outputs go to out/<base name>/ (or --out).`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd.Context(), runOptionsFrom(v, cmd, args), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addRunFlags(cmd, v)
	return cmd
}

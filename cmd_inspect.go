package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/blinasim/blinasim/config"
	"github.com/blinasim/blinasim/model"
	"github.com/spf13/cobra"
)

func newValidateCmd() *cobra.Command {
	var sets []string
	cmd := &cobra.Command{
		Use:   "validate FILE|NAME...",
		Short: "Check model files and say what is wrong (exit 2) or that they are fine",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(args, config.Options{Sets: sets, Env: os.Environ(), EnvIgnore: runEnvOptions}, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", nil, "override a model key, path=value; repeatable")
	return cmd
}

// runValidate loads every file (every model of a file of several) and reports
// each one's verdict.
func runValidate(files []string, opts config.Options, w io.Writer) error {
	for _, f := range files {
		ms, err := loadModels(f, opts, true)
		if err != nil {
			return err
		}
		for _, m := range ms {
			exits := 0
			for _, s := range m.States {
				exits += len(s.Exits)
			}
			fmt.Fprintf(w, "%s: ok: model %s, %d states, %d exits, %d parameters, %d endpoints, %d targets\n",
				f, m.Name, len(m.States), exits, len(m.Parameters), len(m.AllEndpoints()), len(m.Targets))
		}
	}
	return nil
}

func newListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the shipped studies and examples (run them by name)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runList(cmd.OutOrStdout()) },
	}
}

func runList(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tTITLE")
	for _, s := range listShipped() {
		m, err := config.Load(s.FS, s.Path, config.Options{})
		title := ""
		if err != nil {
			title = "(does not load: " + firstLine(err.Error()) + ")"
		} else {
			title = m.Title
		}
		mark := ""
		if s.isDefault() {
			mark = " (default)"
		}
		fmt.Fprintf(tw, "%s\t%s%s\t%s\n", s.Name, s.Kind, mark, title)
	}
	return tw.Flush()
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

func newDescribeCmd() *cobra.Command {
	var sets []string
	cmd := &cobra.Command{
		Use:   "describe [FILE|NAME]",
		Short: "Print a model as readable tables: states, exits, endpoints, parameters with their sources, targets",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := config.Options{Sets: sets, Env: os.Environ(), EnvIgnore: runEnvOptions}
			load := loadDefault
			if len(args) == 1 {
				load = func(o config.Options) (*model.Model, error) { return loadModel(args[0], o) }
			}
			m, err := load(opts)
			if err != nil {
				return err
			}
			return describe(cmd.OutOrStdout(), m)
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", nil, "override a model key, path=value; repeatable")
	return cmd
}

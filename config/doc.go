// Package config reads blinasim model files into a model.Model, and writes a
// resolved model back.
//
// The file format is docs/model.md: YAML (or TOML or
// JSON, with the same keys, read with go-toml and encoding/json), where states, exits,
// endpoints, parameters and targets are lists of items with a `name:`. Load
// goes through five steps, and rejects the model with an *Error listing every
// issue (file:line: path (where): message) at the first step that finds any:
//
//  1. read each file into a tree of nodes that remember their file and line
//     (yaml.v3 for YAML; go-toml and encoding/json for TOML and JSON, whose JSON lines are recovered by
//     reading JSON as YAML too; TOML values have no line);
//  2. check every key against the keys allowed at its place (top level, state,
//     exit, branch arm, endpoint, parameter, uncertainty, target), suggesting
//     the closest allowed key for a typo; keys are matched in lower case in
//     every format, since TOML and JSON keys are lower-cased too;
//  3. resolve `extends`: read the base (recursively, refusing cycles) and merge
//     the file on top, lists of named items by name (an exit's name defaults
//     to its `to`), with `remove: true` and `replace: true` on items;
//  4. apply overrides: BLINASIM_ environment variables, then --set path=value,
//     each at a path that must exist in the model's vocabulary;
//  5. decode the resolved tree (numbers, durations converted to the model's
//     unit, parameter names, uncertainty forms, defaults) and validate it with
//     model.Validate, pointing each problem at the line its value came from,
//     in whichever file (or override) wrote it.
//
// Marshal writes a resolved model as YAML that loads back to the same model.
// The package never reads the environment itself, and writes nothing.
package config

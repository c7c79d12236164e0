# Reads every CSV file of blinasim output folders with one base-R call each,
# read.csv(path), and checks that each column comes back with the type
# docs/outputs.md gives it: character, numeric (integer or double) or logical
# (TRUE/FALSE). A file this script does not know is an error, so a new output
# must be described here and in docs/outputs.md.
#
#   Rscript testdata/r/read_outputs.R out/run1 out/cmp-psa out/sens ...
#
# Exits 1 naming every file and column that reads wrong.

chr <- "character"; num <- "numeric"; lgl <- "logical"
schemas <- list(
  survival = c(scenario = chr, endpoint = chr, time = num, survival = num, lower = num, upper = num, past_followup = lgl),
  incidence = c(scenario = chr, endpoint = chr, time = num, incidence = num, lower = num, upper = num, past_followup = lgl),
  occupancy = c(scenario = chr, state = chr, time = num, probability = num, lower = num, upper = num),
  estimates = c(scenario = chr, endpoint = chr, measure = chr, time = num, estimate = num, lower = num, upper = num, n = num),
  atrisk = c(scenario = chr, endpoint = chr, time = num, fraction = num, cohort = num, expected = num, past_followup = lgl),
  compare = c(scenario = chr, base = chr, endpoint = chr, kind = chr, measure = chr, time = num, difference = num,
              lower = num, upper = num, paired = lgl, unpaired_lower = num, unpaired_upper = num),
  check = c(scenario = chr, target = chr, measure = chr, of = chr, time = num, n = num, published = num,
            published_lower = num, published_upper = num, interval = chr, simulated = num, lower = num, upper = num,
            inside = lgl, borderline = lgl),
  psa_long = c(scenario = chr, draw = num, endpoint = chr, measure = chr, time = num, value = num),
  psa_bands = c(scenario = chr, endpoint = chr, kind = chr, measure = chr, time = num, median = num, lower = num, upper = num),
  psa_compare = c(scenario = chr, base = chr, draws = num, endpoint = chr, kind = chr, measure = chr, time = num,
                  median = num, lower = num, upper = num, share_positive = num),
  oneway = c(parameter = chr, value = num, ends = chr, low_value = num, high_value = num, outcome = chr,
             base = num, base_lower = num, base_upper = num, outcome_low = num, outcome_low_lower = num,
             outcome_low_upper = num, outcome_high = num, outcome_high_lower = num, outcome_high_upper = num,
             diff_low = num, diff_low_lower = num, diff_low_upper = num, diff_high = num, diff_high_lower = num,
             diff_high_upper = num, paired = lgl, swing = num),
  fit = c(start = num, parameter = chr, initial = num, final = num, initial_objective = num, objective = num,
          evaluations = num, status = chr, best = lgl),
  fit_targets = c(target = chr, measure = chr, of = chr, time = num, n = num, published = num, published_lower = num,
                  published_upper = num, interval = chr, before = num, after = num, after_lower = num,
                  after_upper = num, inside = lgl, contribution_before = num, contribution_after = num)
)

# kind returns a column's type: numeric for integer and double. A column that
# is NA throughout reads as logical in R; it counts as any type.
kind <- function(x) {
  if (is.logical(x) && all(is.na(x))) return("NA")
  if (is.numeric(x)) return(num)
  class(x)[1]
}

# schema returns the expected types of a file's columns, or NULL if unknown.
# psa.csv and sweep_<name>.csv name their columns after the model's
# parameters and endpoints: all numeric but scenario (and outcome).
schema <- function(stem, cols) {
  if (stem == "psa") return(setNames(ifelse(cols == "scenario", chr, num), cols))
  if (startsWith(stem, "sweep_")) return(setNames(ifelse(cols == "outcome", chr, num), cols))
  schemas[[stem]]
}

bad <- character(0)
files <- 0
for (dir in commandArgs(trailingOnly = TRUE)) {
  paths <- list.files(dir, pattern = "\\.csv$", full.names = TRUE)
  if (length(paths) == 0) bad <- c(bad, paste0(dir, ": no CSV file"))
  for (path in paths) {
    d <- read.csv(path) # the one call a user needs
    files <- files + 1
    stem <- sub("\\.csv$", "", basename(path))
    want <- schema(stem, names(d))
    if (is.null(want)) {
      bad <- c(bad, paste0(path, ": unknown output (add it to testdata/r/read_outputs.R and docs/outputs.md)"))
      next
    }
    if (!identical(names(d), names(want))) {
      bad <- c(bad, sprintf("%s: columns %s, want %s", path, paste(names(d), collapse = ","),
                            paste(names(want), collapse = ",")))
      next
    }
    if (nrow(d) == 0) bad <- c(bad, paste0(path, ": no rows"))
    for (col in names(want)) {
      got <- kind(d[[col]])
      if (got != "NA" && got != want[[col]]) {
        bad <- c(bad, sprintf("%s: column %s reads as %s, want %s", path, col, got, want[[col]]))
      }
    }
  }
}
if (length(bad) > 0) {
  writeLines(bad, stderr())
  quit(status = 1)
}
cat(sprintf("read_outputs.R: %d files read, every column of the type documented\n", files))

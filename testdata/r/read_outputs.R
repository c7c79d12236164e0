# Reads every CSV file of blinasim output folders with one base-R call each,
# read.csv(path), and checks that each column comes back with the type
# docs/outputs.md gives it: character, numeric (integer or double) or logical
# (TRUE/FALSE). A file this script does not know is an error, so a new output
# must be described here and in docs/outputs.md. summary.json and
# manifest.json are read with one jsonlite::fromJSON(path) call each (Debian:
# r-cran-jsonlite), and the fields users need are checked: their types, and
# that a figure not estimable (past the end of follow-up) is NA.
#
#   Rscript testdata/r/read_outputs.R out/run1 out/cmp-psa out/sens ...
#
# Exits 1 naming every file and column that reads wrong.

if (!requireNamespace("jsonlite", quietly = TRUE)) {
  writeLines("read_outputs.R: the R package jsonlite is missing: apt-get install r-cran-jsonlite", stderr())
  quit(status = 1)
}

chr <- "character"; num <- "numeric"; lgl <- "logical"
schemas <- list(
  survival = c(scenario = chr, endpoint = chr, time = num, survival = num, lower = num, upper = num, past_followup = lgl),
  incidence = c(scenario = chr, endpoint = chr, time = num, incidence = num, lower = num, upper = num, past_followup = lgl),
  occupancy = c(scenario = chr, state = chr, time = num, probability = num, lower = num, upper = num),
  estimates = c(scenario = chr, endpoint = chr, measure = chr, time = num, estimate = num, lower = num, upper = num, n = num,
                past_followup = lgl),
  atrisk = c(scenario = chr, endpoint = chr, time = num, fraction = num, cohort = num, expected = num, past_followup = lgl),
  compare = c(scenario = chr, base = chr, endpoint = chr, kind = chr, measure = chr, time = num, difference = num,
              lower = num, upper = num, paired = lgl, unpaired_lower = num, unpaired_upper = num, past_followup = lgl),
  check = c(scenario = chr, target = chr, measure = chr, of = chr, time = num, n = num, published = num,
            published_lower = num, published_upper = num, interval = chr, simulated = num, lower = num, upper = num,
            inside = lgl, borderline = lgl),
  psa_long = c(scenario = chr, draw = num, endpoint = chr, measure = chr, time = num, value = num),
  psa_bands = c(scenario = chr, endpoint = chr, kind = chr, measure = chr, time = num, median = num, lower = num, upper = num,
                past_followup = lgl),
  psa_compare = c(scenario = chr, base = chr, draws = num, endpoint = chr, kind = chr, measure = chr, time = num,
                  median = num, lower = num, upper = num, share_positive = num, past_followup = lgl),
  oneway = c(parameter = chr, value = num, ends = chr, low_value = num, high_value = num, outcome = chr,
             base = num, base_lower = num, base_upper = num, outcome_low = num, outcome_low_lower = num,
             outcome_low_upper = num, outcome_high = num, outcome_high_lower = num, outcome_high_upper = num,
             diff_low = num, diff_low_lower = num, diff_low_upper = num, diff_high = num, diff_high_lower = num,
             diff_high_upper = num, paired = lgl, swing = num, past_followup = lgl),
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
# parameters and endpoints: all numeric but scenario (and outcome, and a
# sweep's past_followup).
schema <- function(stem, cols) {
  if (stem == "psa") return(setNames(ifelse(cols == "scenario", chr, num), cols))
  if (startsWith(stem, "sweep_")) {
    return(setNames(ifelse(cols == "outcome", chr, ifelse(cols == "past_followup", lgl, num)), cols))
  }
  schemas[[stem]]
}

bad <- character(0)
files <- 0

# expect records a problem unless ok.
expect <- function(ok, what) {
  if (!isTRUE(ok)) bad <<- c(bad, what)
}

# types checks that the columns of data frame d named in want have those
# types (an all-NA column counts as any type).
types <- function(d, want, where) {
  if (!is.data.frame(d)) {
    expect(FALSE, sprintf("%s: not a data frame but %s", where, class(d)[1]))
    return()
  }
  for (col in names(want)) {
    if (!col %in% names(d)) {
      expect(FALSE, sprintf("%s: no field %s", where, col))
      next
    }
    got <- kind(d[[col]])
    expect(got == "NA" || got == want[[col]], sprintf("%s: field %s reads as %s, want %s", where, col, got, want[[col]]))
  }
}

# unknown checks that every figure flagged not estimable is NA.
unknown <- function(values, flagged, where) {
  expect(all(is.na(values[flagged])), sprintf("%s: a figure not estimable is not NA", where))
}

# read_summary reads summary.json with the one call a user needs and checks
# the fields of every scenario's endpoints and of the differences.
read_summary <- function(path) {
  s <- jsonlite::fromJSON(path) # the one call a user needs
  types(s$scenarios, c(scenario = chr, model = chr, unit = chr, horizon = num, patients = num, seed = num),
        paste0(path, ": scenarios"))
  for (i in seq_len(NROW(s$scenarios))) {
    e <- s$scenarios$endpoints[[i]]
    where <- sprintf("%s: scenario %d endpoints", path, i)
    types(e, c(name = chr, kind = chr, n = num, events = num, horizon = num, followup = num), where)
    types(e$median, c(value = num, lower = num, upper = num, estimable = lgl), paste0(where, " median"))
    types(e$rmst, c(value = num, se = num, lower = num, upper = num, tau = num, estimable = lgl), paste0(where, " rmst"))
    unknown(e$median$value, !e$median$estimable, paste0(where, " median"))
    unknown(e$rmst$value, !e$rmst$estimable, paste0(where, " rmst"))
    for (k in seq_along(e$landmarks)) {
      l <- e$landmarks[[k]]
      types(l, c(time = num, value = num, lower = num, upper = num, estimable = lgl), sprintf("%s %s landmarks", where, e$name[k]))
      unknown(l$value, !l$estimable, sprintf("%s %s landmarks", where, e$name[k]))
    }
  }
  if (length(s$differences) > 0) {
    d <- s$differences
    types(d, c(scenario = chr, base = chr, endpoint = chr, measure = chr, time = num, value = num, lower = num,
               upper = num, paired = lgl, past_followup = lgl), paste0(path, ": differences"))
    unknown(d$value, d$past_followup, paste0(path, ": differences"))
  }
  if (length(s$psa_differences) > 0) {
    d <- s$psa_differences
    types(d, c(scenario = chr, base = chr, draws = num, endpoint = chr, measure = chr, time = num, median = num,
               lower = num, upper = num, share_positive = num, past_followup = lgl), paste0(path, ": psa_differences"))
    unknown(d$median, d$past_followup, paste0(path, ": psa_differences"))
  }
}

# read_manifest reads manifest.json with one call and checks what reproduces
# the run.
read_manifest <- function(path) {
  m <- jsonlite::fromJSON(path) # the one call a user needs
  for (f in c("program", "version", "model_hash", "started")) {
    expect(is.character(m[[f]]) && length(m[[f]]) == 1, sprintf("%s: %s is not one string", path, f))
  }
  for (f in c("seed", "patients", "elapsed_seconds")) {
    expect(is.numeric(m[[f]]) && length(m[[f]]) == 1, sprintf("%s: %s is not one number", path, f))
  }
  expect(is.character(m$command) && length(m$command) >= 1, sprintf("%s: command is not a character vector", path))
  expect(is.character(m$scenarios) && length(m$scenarios) >= 1, sprintf("%s: scenarios is not a character vector", path))
}

for (dir in commandArgs(trailingOnly = TRUE)) {
  for (name in c("summary.json", "manifest.json")) {
    path <- file.path(dir, name)
    if (!file.exists(path)) next
    files <- files + 1
    if (name == "summary.json") read_summary(path) else read_manifest(path)
  }
  expect(file.exists(file.path(dir, "manifest.json")), paste0(dir, ": no manifest.json"))
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
cat(sprintf("read_outputs.R: %d files read, every column and field of the type documented\n", files))

#!/usr/bin/env bash
# report.html in a real headless chromium (chromium from packages.txt): loads
# without console errors or network, every figure visible and not blank.
set -euo pipefail
unset BLINASIM_BIN # blinasim reads BLINASIM_* variables as settings; the test builds its own
REPORT_HTML_BROWSER_TEST=1 go test -count=1 -run TestReportHTMLInChromium -v . | tail -5

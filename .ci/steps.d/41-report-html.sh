#!/usr/bin/env bash
# report.html in a real headless chromium (chromium from packages.txt): loads
# without console errors or network, every figure visible and not blank.
set -euo pipefail
REPORT_HTML_BROWSER_TEST=1 go test -count=1 -run TestReportHTMLInChromium -v . | tail -5

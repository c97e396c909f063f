#!/usr/bin/env bash
# The scan step of the iacguard GitHub Action (action.yml), kept in a file so it can be tested
# outside GitHub (tests/action.rs). Inputs arrive as environment variables, never through
# `${{ }}` in the script, so no input can inject shell code:
#
#   SCAN_PATH           paths to scan, one per line (default: .)
#   CONFIG              a .iacguard.toml to read instead of the nearest one
#   BASELINE            a baseline file: report only findings that are not in it
#   SEVERITY_THRESHOLD  critical, high, medium or low: findings below it do not fail
#   SELECT, IGNORE      rule IDs, names or prefixes, comma-separated
#   SARIF_FILE          where the SARIF report goes (default: iacguard.sarif)
#   ANNOTATIONS         "true" (default) prints GitHub annotations, "false" the text report
#   IACGUARD_BIN        the iacguard binary (default: iacguard on PATH)
#
# It always writes the Markdown job summary to $GITHUB_STEP_SUMMARY and the step outputs
# `exit-code`, `findings` and (when the report was written) `sarif-file` to $GITHUB_OUTPUT.
# It exits 0 when the scan ran, whatever it found, so the SARIF upload that follows still
# happens; action-finish.sh fails the job afterwards. It exits non-zero only when iacguard
# could not run at all.
set -uo pipefail

iacguard="${IACGUARD_BIN:-iacguard}"
sarif_file="${SARIF_FILE:-iacguard.sarif}"
report_dir="$(mktemp -d)"
trap 'rm -rf "$report_dir"' EXIT

args=(scan)
while IFS= read -r path; do
    # Trim surrounding blanks; skip empty lines.
    path="${path#"${path%%[![:space:]]*}"}"
    path="${path%"${path##*[![:space:]]}"}"
    if [ -n "$path" ]; then
        args+=("$path")
    fi
done <<< "${SCAN_PATH:-.}"
if [ "${#args[@]}" -eq 1 ]; then
    args+=(.)
fi
if [ -n "${CONFIG:-}" ]; then args+=(--config "$CONFIG"); fi
if [ -n "${BASELINE:-}" ]; then args+=(--baseline "$BASELINE"); fi
if [ -n "${SEVERITY_THRESHOLD:-}" ]; then args+=(--severity-threshold "$SEVERITY_THRESHOLD"); fi
if [ -n "${SELECT:-}" ]; then args+=(--select "$SELECT"); fi
if [ -n "${IGNORE:-}" ]; then args+=(--ignore "$IGNORE"); fi

mkdir -p "$(dirname "$sarif_file")"
args+=(--format sarif --output "$sarif_file" --format json --output "$report_dir/report.json")
# `--format github` appends the job summary to $GITHUB_STEP_SUMMARY; without annotations its
# workflow commands are discarded and the text report goes to the log instead.
if [ "${ANNOTATIONS:-true}" = "true" ]; then
    args+=(--format github)
else
    args+=(--format github --output /dev/null --format text)
fi

"$iacguard" "${args[@]}"
code=$?

if [ "$code" -gt 2 ]; then
    echo "::error title=iacguard::iacguard could not run (exit code $code)"
    exit "$code"
fi

findings=0
if [ -f "$report_dir/report.json" ]; then
    # The summary's count comes first in the pretty-printed report: `"findings": 12,`.
    findings="$(sed -n 's/^ *"findings": \([0-9][0-9]*\),*$/\1/p' "$report_dir/report.json" | head -n 1)"
fi
{
    echo "exit-code=$code"
    echo "findings=${findings:-0}"
    if [ -f "$sarif_file" ]; then
        echo "sarif-file=$sarif_file"
    fi
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0

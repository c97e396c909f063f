#!/usr/bin/env bash
# The last step of the iacguard GitHub Action: fails the job after the SARIF upload, as the
# scan's exit code says, unless soft-fail is set. Inputs arrive as environment variables:
#
#   EXIT_CODE   the scan's exit code (0 clean, 1 findings at or above the threshold,
#               2 incomplete scan or usage error)
#   SOFT_FAIL   "true": findings do not fail the job. Like the command's --soft-fail, it does not
#               hide an incomplete scan (exit code 2): a file that could not be read or parsed
#               was not checked at all.
set -uo pipefail

code="${EXIT_CODE:-2}"
case "$code" in
    0)
        exit 0
        ;;
    1)
        if [ "${SOFT_FAIL:-false}" = "true" ]; then
            echo "::warning title=iacguard::findings at or above the severity threshold (soft-fail is set, so the job goes on)"
            exit 0
        fi
        echo "::error title=iacguard::findings at or above the severity threshold; see the job summary"
        exit 1
        ;;
    *)
        echo "::error title=iacguard::the scan was incomplete or could not start (exit code $code); see the log"
        exit 2
        ;;
esac

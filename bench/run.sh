#!/usr/bin/env bash
# iacguard against Checkov, one command:
#
#   bash bench/run.sh
#
# Builds the release binary; generates corpora of 100, 1,000 and 10,000 files (bench/gen.py:
# CloudFormation YAML and JSON, Terraform modules with variables and module calls, multi-document
# Kubernetes manifests) and a 50 MB manifest stream; installs Checkov from PyPI into a virtual
# environment it creates; times `iacguard scan` and `checkov -d` on the same corpora in the same
# run (wall time, CPU time, peak memory from wait4); prints files/s, MB/s and the speed ratio,
# checks the targets, and writes the table to target/bench/results.md.
#
# Settings (environment):
#   BENCH_SIZES="100 1000 10000"   corpora to generate and scan
#   CHECKOV_SIZES="100 1000"       corpora Checkov also scans (10000 takes it many minutes)
#   CHECKOV_VENV=target/bench/venv where Checkov is installed (created if missing)
#   RUNS=5                         iacguard runs per corpus (the median is reported)
#   STREAM_MB=50                   size of the single manifest stream
#   SKIP_CHECKOV=1                 iacguard only (the smoke version: BENCH_SIZES=100 SKIP_CHECKOV=1)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=target/bench
mkdir -p "$out"
sizes=${BENCH_SIZES:-100 1000 10000}
checkov_sizes=${CHECKOV_SIZES:-100 1000}
runs=${RUNS:-5}
stream_mb=${STREAM_MB:-50}
venv=${CHECKOV_VENV:-$out/venv}

cargo build --release --quiet
bin=$root/target/release/iacguard

for n in $sizes; do
    [ -f "$out/corpus-$n/.done" ] || {
        rm -rf "$out/corpus-$n"
        python3 bench/gen.py "$out/corpus-$n" "$n" >/dev/null
        touch "$out/corpus-$n/.done"
    }
done
[ -f "$out/stream-$stream_mb.yaml" ] || python3 bench/gen.py --stream "$out/stream-$stream_mb.yaml" "$stream_mb" >/dev/null

if [ -z "${SKIP_CHECKOV:-}" ] && [ ! -x "$venv/bin/checkov" ]; then
    echo "installing Checkov into $venv ..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet checkov
fi

measure() { python3 bench/measure.py "$@"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
bytes_of() { du -sb --exclude=.done "$1" | cut -f1; }

{
echo "Machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "iacguard $($bin --version | cut -d' ' -f2); Checkov $( [ -x "$venv/bin/checkov" ] && "$venv/bin/checkov" --version || echo 'not run')"
echo
echo "| corpus | MB | iacguard wall | CPU | peak RSS | files/s | MB/s | Checkov wall | Checkov peak RSS | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
} | tee "$out/results.md"

declare -A walls
status=0
for n in $sizes; do
    dir=$out/corpus-$n
    mb=$(python3 -c "print(round($(bytes_of "$dir") / 1e6, 1))")
    r=$(measure "$runs" -- "$bin" scan "$dir" --format json --no-config)
    wall=$(field "$r" wall); cpu=$(field "$r" cpu); rss=$(field "$r" max_rss_mb)
    walls[$n]=$wall
    checkov="–"; checkov_rss="–"; ratio="–"
    if [ -z "${SKIP_CHECKOV:-}" ] && [[ " $checkov_sizes " == *" $n "* ]]; then
        c=$(measure 1 -- "$venv/bin/checkov" -d "$dir" --framework cloudformation terraform kubernetes \
            --quiet --compact -o json --skip-download)
        cw=$(field "$c" wall)
        checkov=$(printf '%.1f s' "$cw")
        checkov_rss=$(printf '%.0f MB' "$(field "$c" max_rss_mb)")
        ratio=$(python3 -c "print(f'{$cw / $wall:.0f}x')")
        if [ "$n" = 1000 ] && python3 -c "import sys; sys.exit(0 if $cw / $wall >= 100 else 1)"; then :;
        elif [ "$n" = 1000 ]; then echo "MISSED: less than 100x faster than Checkov on 1,000 files" >&2; status=1; fi
    fi
    python3 -c "
n, mb, wall, cpu, rss = $n, $mb, $wall, $cpu, $rss
print(f'| {n:,} files | {mb} | {wall:.3f} s | {cpu:.2f} s | {rss:.0f} MB | {n / wall:,.0f} | {mb / wall:.0f} | $checkov | $checkov_rss | $ratio |')
" | tee -a "$out/results.md"
    if [ "$n" = 10000 ]; then
        python3 -c "import sys; sys.exit(0 if $wall < 2 else 1)" || { echo "MISSED: 10,000 files took ${wall}s (target < 2 s)" >&2; status=1; }
        python3 -c "import sys; sys.exit(0 if $rss < 200 else 1)" || { echo "MISSED: ${rss} MB peak for 10,000 files (target < 200 MB)" >&2; status=1; }
    fi
done

if [ -n "${walls[1000]:-}" ] && [ -n "${walls[10000]:-}" ]; then
    growth=$(python3 -c "print(f'{${walls[10000]} / ${walls[1000]}:.1f}')")
    echo | tee -a "$out/results.md"
    echo "10x the files (1,000 → 10,000): ${growth}x the time (target ≤ ~11x)" | tee -a "$out/results.md"
    python3 -c "import sys; sys.exit(0 if $growth <= 11.5 else 1)" || { echo "MISSED: growth ${growth}x" >&2; status=1; }
fi

stream=$out/stream-$stream_mb.yaml
smb=$(python3 -c "print(round($(stat -c %s "$stream") / 1e6, 1))")
r=$(measure 3 -- "$bin" scan "$stream" --format json --no-config)
echo | tee -a "$out/results.md"
python3 -c "
wall, rss, mb = $(field "$r" wall), $(field "$r" max_rss_mb), $smb
print(f'One {mb} MB manifest stream: {wall:.2f} s, {mb / wall:.0f} MB/s, peak {rss:.0f} MB')
" | tee -a "$out/results.md"
echo "Parser throughput on the same kind of stream (cargo bench --bench parsers):" | tee -a "$out/results.md"
IACGUARD_BENCH_MB=$stream_mb cargo bench --quiet --bench parsers 2>&1 | sed 's/^/    /' | tee -a "$out/results.md" || status=1
exit $status

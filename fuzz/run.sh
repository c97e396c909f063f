#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds (default 600), one after another, at low
# priority. Seeds come from testdata/ (and from tests/fuzz-regressions/); crashes land in
# fuzz/artifacts/<target>/ and should be copied to tests/fuzz-regressions/<target>/, where
# `cargo test --test fuzz_regressions` replays them.
#
#   bash fuzz/run.sh [SECONDS] [TARGET ...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain; without nightly,
# RUSTC_BOOTSTRAP=1 lets stable build with the sanitizer flags. Targets are built with -O
# (optimised, no debug assertions): the same build `cargo fuzz build -O` makes.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml json hcl cloudformation terraform)
if rustup toolchain list 2>/dev/null | grep -q nightly; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi

seed() {
    local target=$1 dir=corpus/$1
    mkdir -p "$dir"
    case $target in
        yaml) find ../testdata -name '*.yaml' -o -name '*.yml' | xargs -I{} cp {} "$dir/" ;;
        json) find ../testdata -name '*.json' | xargs -I{} cp {} "$dir/" ;;
        hcl | terraform) find ../testdata -name '*.tf' -o -name '*.tfvars' | while read -r f; do
            cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done ;;
        cloudformation) find ../testdata/cloudformation ../testdata/examples -name '*.yaml' -o -name '*.json' |
            while read -r f; do
                name=$(echo "$f" | tr '/' '_')
                case $f in *.json) printf '\001' ;; *) printf '\000' ;; esac > "$dir/$name"
                cat "$f" >> "$dir/$name"
            done ;;
    esac
    if [ -d "../tests/fuzz-regressions/$target" ]; then
        cp ../tests/fuzz-regressions/"$target"/* "$dir/" 2>/dev/null || true
    fi
}

for target in "${targets[@]}"; do
    seed "$target"
    echo "== $target: ${seconds}s"
    # -rss_limit_mb: a scan of one small input staying far below the binary's memory cap;
    # -timeout: any single input taking 10 s is a hang.
    nice "${fuzz[@]}" run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 || echo "== $target stopped with a finding (see fuzz/artifacts/$target)"
done

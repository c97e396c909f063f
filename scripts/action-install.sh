#!/usr/bin/env bash
# The install step of the iacguard GitHub Action. Without VERSION it builds iacguard from the
# action's own source (the commit the workflow pinned in `uses:`) with the runner's Rust
# toolchain. With VERSION (e.g. `0.2.0`) it downloads that release's prebuilt binary instead:
# the asset `iacguard-<target>.tar.gz` of the GitHub release `v<VERSION>`, checked against the
# `iacguard-<target>.tar.gz.sha256` asset next to it. No release has been published yet, so for
# now leave VERSION empty.
set -euo pipefail

if [ -z "${VERSION:-}" ]; then
    cargo install --locked --quiet --path "$GITHUB_ACTION_PATH"
    exit 0
fi

case "${RUNNER_OS:-Linux}-${RUNNER_ARCH:-X64}" in
    Linux-X64) target=x86_64-unknown-linux-gnu ;;
    Linux-ARM64) target=aarch64-unknown-linux-gnu ;;
    macOS-X64) target=x86_64-apple-darwin ;;
    macOS-ARM64) target=aarch64-apple-darwin ;;
    *)
        echo "::error title=iacguard::no prebuilt binary for ${RUNNER_OS:-?}-${RUNNER_ARCH:-?}; leave 'version' empty to build from source"
        exit 1
        ;;
esac
version="${VERSION#v}"
asset="iacguard-$target.tar.gz"
url="https://github.com/iacguard/iacguard/releases/download/v$version/$asset"
dir="${RUNNER_TEMP:-$(mktemp -d)}/iacguard-$version"
mkdir -p "$dir"
curl --fail --silent --show-error --location --retry 3 --output "$dir/$asset" "$url"
curl --fail --silent --show-error --location --retry 3 --output "$dir/$asset.sha256" "$url.sha256"
expected="$(cut -d ' ' -f 1 < "$dir/$asset.sha256")"
if command -v sha256sum > /dev/null; then
    actual="$(sha256sum "$dir/$asset" | cut -d ' ' -f 1)"
else
    actual="$(shasum -a 256 "$dir/$asset" | cut -d ' ' -f 1)"
fi
if [ "$expected" != "$actual" ]; then
    echo "::error title=iacguard::checksum mismatch for $asset"
    exit 1
fi
tar -xzf "$dir/$asset" -C "$dir"
echo "$dir" >> "$GITHUB_PATH"

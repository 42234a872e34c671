#!/usr/bin/env bash
# Vendors KaTeX from the npm registry into the jar's resources at build time, so `matcalc serve`
# renders math with no internet. Run by Maven (generate-resources); npm's cache makes later
# builds offline. The tarball is checked against the pinned integrity hash before it is used.
set -euo pipefail
out="$1"
version=0.16.22
integrity='sha512-XCHRdUw4lf3SKBaJe4EvgqIuWwkPSo9XoeO8GjQW94Bp7TWv9hNhzZjZ+OH9yf1UmLygb7DIT5GSFQiyt16zYg=='
if [ -f "$out/katex.min.js" ] && grep -q "$version" "$out/VERSION" 2>/dev/null; then exit 0; fi
# Without npm (or the registry) the build still succeeds: the CLI needs no KaTeX, and the page
# then shows formulas as LaTeX source, which `matcalc serve` warns about.
skip() { echo "vendor-katex: warning: $1; the serve page will show LaTeX source (install npm and rebuild)" >&2; exit 0; }
command -v npm >/dev/null || skip "npm is not installed"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "katex@$version" >/dev/null) || skip "npm could not fetch katex@$version"
tgz="$tmp/katex-$version.tgz"
got="$(node -e 'const c = require("crypto"), f = require("fs");
  process.stdout.write("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
[ "$got" = "$integrity" ] || { echo "vendor-katex: integrity mismatch for katex $version" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp" package/dist/katex.min.js package/dist/katex.min.css package/dist/fonts package/LICENSE
mkdir -p "$out/fonts"
cp "$tmp/package/dist/katex.min.js" "$tmp/package/dist/katex.min.css" "$tmp/package/LICENSE" "$out/"
cp "$tmp"/package/dist/fonts/*.woff2 "$out/fonts/"
echo "$version" > "$out/VERSION"

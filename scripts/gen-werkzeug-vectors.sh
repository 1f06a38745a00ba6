#!/usr/bin/env bash
# Regenerates test/fixtures/werkzeug-vectors.json from the real Werkzeug of both Python stacks:
#   legacy = /usr/bin/python3 (Debian's python3-flask: Flask 2.2 / Werkzeug 2.2)
#   modern = python3 on PATH (Flask 3.1 / Werkzeug 3.1)
# Override with LEGACY_PYTHON / MODERN_PYTHON. Fails if either interpreter or its Flask is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
legacy_python=${LEGACY_PYTHON:-/usr/bin/python3}
modern_python=${MODERN_PYTHON:-python3}
script=scripts/gen-werkzeug-vectors.py
out=test/fixtures/werkzeug-vectors.json

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for py in "$legacy_python" "$modern_python"; do
  "$py" -c 'import flask, werkzeug' || { echo "error: $py cannot import flask/werkzeug" >&2; exit 1; }
done
"$legacy_python" "$script" >"$tmp/legacy.json"
"$modern_python" "$script" >"$tmp/modern.json"
mkdir -p "$(dirname "$out")"
"$modern_python" "$script" --merge "$tmp/legacy.json" "$tmp/modern.json" >"$tmp/merged.json"
mv "$tmp/merged.json" "$out"
echo "wrote $out"

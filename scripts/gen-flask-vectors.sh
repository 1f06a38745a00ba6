#!/usr/bin/env bash
# Regenerate test/fixtures/flask-vectors.json with both Python stacks on this machine:
# python3 on PATH (Flask 3.1, itsdangerous 2.2) = "modern", /usr/bin/python3 (Flask 2.2) = "legacy".
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/flask-vectors.json
python3 -W ignore scripts/gen-flask-vectors.py --stack modern --out "$out"
/usr/bin/python3 -W ignore scripts/gen-flask-vectors.py --stack legacy --out "$out"

#!/usr/bin/env bash
# `npm test`: every test of the project, on this machine, from a fresh clone after `npm install`.
#   1. provisions the system programs the tests start (scripts/provision.sh: apt-get as root on
#      Debian/Ubuntu, else one message naming what is missing; nothing runs then);
#   2. builds dist/ (the doc tests, the runtime matrix and the packaging checks use the built package);
#   3. runs vitest (unit, integration, interop, browser, doc tests), then the runners beside it:
#      packaging, size budgets, fuzz, load, fault, runtimes, and the API reference build;
#   4. prints, as its LAST line, `N passed, N failed` summed over every runner
#      (scripts/test-summary.mjs), and exits non-zero when anything failed.
# `npm test -- <vitest args>` runs only vitest with those arguments (no provisioning, no build).
set -uo pipefail
cd "$(dirname "$0")/.."
if (($#)); then exec npx vitest run "$@"; fi

t0=$SECONDS
step() { printf '\n=== %s (t=%ss)\n' "$*" "$((SECONDS - t0))"; }

step "provision (scripts/provision.sh)"
env_lines=$(bash scripts/provision.sh) || exit 1
while IFS= read -r line; do [[ -n $line ]] && export "${line?}"; done <<<"$env_lines"
echo "python3 on PATH: werkzeug $(python3 -c 'import importlib.metadata as m; print(m.version("werkzeug"))')"
echo "/usr/bin/python3: werkzeug $(/usr/bin/python3 -c 'import importlib.metadata as m; print(m.version("werkzeug"))')"

step "build (npm run build)"
mkdir -p reports
npm run build >reports/build.log 2>&1 || { cat reports/build.log; exit 1; }

rm -rf reports && mkdir -p reports
status=0

step "vitest (unit, integration, interop, browser, docs)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1

# Packaging (issue 11): npm pack (which builds again), publint, attw, then the tarball installed in
# a fresh folder and every subpath imported on Node 20.19 and on the newest Node of the registry.
step "packaging (npm run test:tarball)"
timeout -k 10 1800 npm run --silent test:tarball || status=1

step "size budgets (npm run size:check)"
npm run --silent size:check || status=1

# Hardening (issue 10): each writes reports/<name>.json; a failure sets status without skipping the rest.
step "fuzz (npm run fuzz, ${FUZZ_RUNS:=100000} inputs per property)"
FUZZ_RUNS="$FUZZ_RUNS" timeout -k 10 600 npm run --silent fuzz || status=1

step "load (npm run load: wrk on the demo with each session store)"
timeout -k 10 300 npm run --silent load || status=1

step "fault (npm run fault: Redis killed and restarted under load)"
timeout -k 10 120 npm run --silent fault || status=1

# The portable suite on the built package under Node, Bun, Deno, workerd and Chromium.
step "runtimes (npm run test:runtimes)"
timeout -k 10 600 npm run --silent test:runtimes || status=1

# The API reference from the TSDoc comments; a TypeDoc warning fails it.
step "API reference (npm run docs, warnings as errors)"
timeout -k 10 300 node scripts/api-docs-check.mjs || status=1

step "done in $((SECONDS - t0))s"
EXPECT_REPORTS="vitest packaging fuzz load fault runtimes apidocs" node scripts/test-summary.mjs || status=1
exit "$status"

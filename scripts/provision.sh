#!/usr/bin/env bash
# Provisions what `npm test` needs outside node_modules (run by scripts/test.sh, or alone with
# `npm run provision`). The tests start real programs and fail, never skip, without them:
#
#   /usr/bin/python3 with Flask 2.2   Debian's python3-flask: the Werkzeug/Flask 2.2 interop tests
#   python3 (on PATH) with Flask 3.1  the Werkzeug/Flask 3.1 interop tests
#   redis-server, redis-cli           Redis session store tests, fault and load runs (REDIS_SERVER)
#   initdb, pg_ctl                    PostgreSQL session store tests (PG_BIN, else the newest under
#                                     /usr/lib/postgresql/*/bin)
#   chromium                          browser, jar and demo tests (CHROMIUM_PATH)
#   curl, wrk                         jar interop with curl; the load run
#
# On Debian or Ubuntu as root, the missing system packages are installed with apt-get. Otherwise,
# or when something is still missing after that, it prints ONE message naming everything missing
# and the command that installs it, and exits 1 before any test runs.
set -uo pipefail

export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=300)

# Each row: what is checked | the Debian package that provides it.
missing=()
packages=()

pg_bin() {
  if [[ -n ${PG_BIN:-} ]]; then
    echo "$PG_BIN"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  echo "${dir:-/usr/lib/postgresql/15/bin}"
}

werkzeug_of() {
  "$1" -c 'import importlib.metadata as m, flask; print(m.version("werkzeug"))' 2>/dev/null
}

check() {
  missing=()
  packages=()
  local v
  v=$(werkzeug_of /usr/bin/python3)
  if [[ $v != 2.2.* ]]; then
    missing+=("/usr/bin/python3 with Flask 2.2 (found werkzeug ${v:-none})")
    packages+=(python3-flask)
  fi
  if ! command -v "${REDIS_SERVER:-redis-server}" >/dev/null; then
    missing+=("redis-server")
    packages+=(redis-server)
  fi
  if ! command -v redis-cli >/dev/null; then
    missing+=("redis-cli")
    packages+=(redis-tools)
  fi
  local pg
  pg=$(pg_bin)
  if [[ ! -x $pg/initdb || ! -x $pg/pg_ctl ]]; then
    missing+=("PostgreSQL server binaries (initdb, pg_ctl in $pg)")
    packages+=(postgresql)
  fi
  if [[ ! -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]]; then
    missing+=("chromium (${CHROMIUM_PATH:-/usr/bin/chromium})")
    packages+=(chromium)
  fi
  if ! command -v curl >/dev/null; then
    missing+=("curl")
    packages+=(curl)
  fi
  if ! command -v "${WRK:-wrk}" >/dev/null; then
    missing+=("wrk")
    packages+=(wrk)
  fi
}

# Flask 3.1 is not a Debian 12 package: it comes from pip, so it is named, never installed here.
modern_missing() {
  local v
  v=$(werkzeug_of python3)
  if [[ $v != 3.1.* ]]; then
    echo "python3 on PATH with Flask 3.1 / Werkzeug 3.1 (found werkzeug ${v:-none})"
  fi
}

check
if ((${#packages[@]})) && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "provision: installing ${packages[*]} with apt-get" >&2
  "${APT[@]}" update -qq >&2 && "${APT[@]}" install -y -qq "${packages[@]}" >/dev/null
  check
fi

modern=$(modern_missing)
if ((${#missing[@]})) || [[ -n $modern ]]; then
  {
    echo "npm test cannot run: these are missing:"
    for item in "${missing[@]}"; do echo "  - $item"; done
    [[ -n $modern ]] && echo "  - $modern"
    echo "Install them with:"
    if ((${#packages[@]})); then
      sudo=''
      [[ $(id -u) == 0 ]] || sudo='sudo '
      echo "  ${sudo}apt-get install -y ${packages[*]}"
    fi
    if [[ -n $modern ]]; then
      echo "  # Debian: apt-get install -y python3-venv first"
      echo "  python3 -m venv ~/.venvs/flask3 && ~/.venvs/flask3/bin/pip install flask==3.1.3 werkzeug==3.1.3"
      echo "  export PATH=~/.venvs/flask3/bin:\$PATH   # its python3 first on PATH"
    fi
    echo "(CONTRIBUTING.md lists what each one is for.)"
  } >&2
  exit 1
fi
# What the tests read, for scripts/test.sh to export.
echo "PG_BIN=$(pg_bin)"

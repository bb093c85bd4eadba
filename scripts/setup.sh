#!/usr/bin/env bash
# Sets up everything the project needs on a fresh Debian/Ubuntu machine:
# system packages (when run as root), a virtualenv in .venv, the package and its
# test tools, compiled translations. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# Debian packages: the barcode library, a browser for the screen tests, fonts with Cyrillic.
DEBS=(libzbar0 chromium fonts-dejavu-core)

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for pkg in "${DEBS[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed; check the network or the package mirrors"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get could not install: ${missing[*]}"
  else
    echo "WARNING: missing system packages: ${missing[*]}" >&2
    echo "         Install them with: sudo apt-get install ${missing[*]}" >&2
    echo "         (barcode decoding and browser tests need them; the server runs without)" >&2
  fi
fi

PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PYTHON=$(command -v "$candidate"); break
  fi
done
[ -n "$PYTHON" ] || die "Python 3.11 or newer is needed (apt-get install python3 python3-venv)"

if [ ! -x .venv/bin/python ]; then
  say "Creating .venv with $("$PYTHON" --version)"
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq >/dev/null && apt-get install -y -qq python3-venv >/dev/null
      "$PYTHON" -m venv .venv || die "could not create a virtualenv"
    else
      die "could not create a virtualenv: sudo apt-get install python3-venv"
    fi
  fi
fi

# Reinstall only when the dependencies changed.
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  say "Installing Python packages into .venv"
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install -q --upgrade pip \
         && .venv/bin/python -m pip install -q -e '.[device,dev]'; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "pip install failed (whole log: $log)"
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The catalogs live where common/assets.py says (the wheel's build compiles them too).
catalogs=$(.venv/bin/python -c 'from common.assets import TRANSLATIONS; print(TRANSLATIONS)')
.venv/bin/pybabel -q compile -d "$catalogs"

#!/usr/bin/env bash
# Makes sure a headless Chromium is available for the HTML report tests and prints the path of its binary.
#
#   bin/ensure-chromium.sh
#
# Uses /usr/bin/chromium when present; otherwise installs Debian's chromium package (apt-get, needs root).
# JITSKIT_CHROMIUM may name another binary to use instead. Exit codes: 0 the path is on stdout; 3 Chromium is
# missing and cannot be installed (not root, no network, no package), with the reason on stderr.
set -euo pipefail

if [ -n "${JITSKIT_CHROMIUM:-}" ]; then
  if [ -x "$JITSKIT_CHROMIUM" ]; then
    echo "$JITSKIT_CHROMIUM"
    exit 0
  fi
  echo "ensure-chromium.sh: JITSKIT_CHROMIUM=$JITSKIT_CHROMIUM is not an executable file; unset it or fix the path" >&2
  exit 3
fi

bin=/usr/bin/chromium
if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-chromium.sh: $bin is missing and installing it needs root: apt-get install chromium" >&2
  exit 3
fi
echo "ensure-chromium.sh: installing chromium (apt-get)" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2; then
  echo "ensure-chromium.sh: apt-get could not install chromium (no network or no package source?)" >&2
  exit 3
fi
if [ ! -x "$bin" ]; then
  echo "ensure-chromium.sh: the chromium package installed no $bin" >&2
  exit 3
fi
echo "$bin"

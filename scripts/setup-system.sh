#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (a real redis-server for shared-state tests,
# Debian's chromium for the browser tests of the admin page and HTML report). Called by `npm test`
# (pretest) and by .ci/run, so a fresh machine needs nothing installed by hand. Does nothing when
# everything is already there; never downloads a browser build of its own.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "setup-system: missing ${need[*]} and not root: install them with apt-get install ${need[*]}" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "setup-system: installing ${need[*]} (Debian packages)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2

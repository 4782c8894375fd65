#!/usr/bin/env bash
# Installs the Debian 12 packages Sousuo needs, and any given as arguments
# (scripts/build_hardened.sh adds clang's), only those that are missing.
set -euo pipefail

# libgumbo-dev, libpoppler-cpp-dev: the HTML and PDF readers in indexer/.
# libsqlite3-dev: the SQLite FTS5 baseline in bench/.
# zlib1g-dev: the chunks of long report bodies (common/stored_body.cc).
packages=(g++ cmake ninja-build pkgconf libxapian-dev libicu-dev libcli11-dev
          catch2 nlohmann-json3-dev libgumbo-dev libpoppler-cpp-dev libsqlite3-dev
          zlib1g-dev "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

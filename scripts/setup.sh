#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a first search: installs what
# is missing, builds, indexes the bundled samples and runs a sample search.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
cmake --build build

# The sample index lives in build/, away from your own default index.
index=build/sample-index
rm -rf "$index"
build/indexer/sousuo-index --index "$index" samples
echo
echo '$ sousuo-query --index build/sample-index 济南 教育'
build/query/sousuo-query --index "$index" 济南 教育

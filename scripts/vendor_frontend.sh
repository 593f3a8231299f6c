#!/usr/bin/env bash
# Refresh static/vendor/ from the npm registry at the versions pinned in package.json /
# package-lock.json. The copied files are committed: the site never loads anything from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --ignore-scripts --no-audit --no-fund
mkdir -p static/vendor
# Without its source map (not shipped): the manifest storage of collectstatic follows every
# sourceMappingURL and would refuse to build the production static files over a missing .map.
sed '/^\/\/# sourceMappingURL=/d' node_modules/chart.js/dist/chart.umd.min.js > static/vendor/chart.umd.min.js
cp node_modules/chart.js/LICENSE.md static/vendor/chart.js.LICENSE.md
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
cp node_modules/htmx.org/LICENSE static/vendor/htmx.LICENSE
{
  echo "chart.js $(node -p "require('./node_modules/chart.js/package.json').version")"
  echo "htmx.org $(node -p "require('./node_modules/htmx.org/package.json').version")"
} > static/vendor/VERSIONS
cat static/vendor/VERSIONS

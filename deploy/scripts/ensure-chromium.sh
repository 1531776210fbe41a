#!/usr/bin/env bash
# Makes sure headless Chromium and its WebDriver are installed (Debian packages chromium and chromium-driver), which
# the dashboard's browser tests drive through Selenium. CI runs this before the tests; the tests also run it
# themselves, as root, when the binaries are missing. It does nothing when they are already there.
#
#   deploy/scripts/ensure-chromium.sh
set -euo pipefail

browser=/usr/bin/chromium
driver=/usr/bin/chromedriver
if [[ -x "$browser" && -x "$driver" ]]; then
    echo "Chromium is installed ($browser, $driver)."
    exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
fi

echo "Installing Chromium (chromium, chromium-driver)..."
export DEBIAN_FRONTEND=noninteractive
# Another apt-get (the PostgreSQL or promtool install, say) may hold the lock for a while: wait for it.
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q
# The fonts give Vietnamese diacritics glyphs in screenshots; the rest of the page works without them.
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core

if [[ ! -x "$browser" || ! -x "$driver" ]]; then
    echo "chromium and chromium-driver were installed but $browser or $driver is missing." >&2
    exit 1
fi
echo "Chromium is installed ($browser, $driver)."

#!/usr/bin/env bash
# Makes sure Prometheus' promtool is installed (Debian package prometheus), which the observability tests run on
# alert-rules.yml, alert-rules.test.yml and prometheus.yml. CI can run this before the tests; the tests also run it
# themselves, as root, when promtool is missing. Installing the package does not start a Prometheus server where
# no init system runs (a container); on a machine with systemd, `systemctl disable --now prometheus` stops it.
#
#   deploy/observability/ensure-promtool.sh
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
    echo "promtool is installed ($(command -v promtool))."
    exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
fi

echo "Installing promtool (prometheus)..."
export DEBIAN_FRONTEND=noninteractive
# Another apt-get (the PostgreSQL tests' install, say) may hold the lock for a while: wait for it.
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends prometheus

if ! command -v promtool >/dev/null 2>&1; then
    echo "prometheus was installed but promtool is not on PATH." >&2
    exit 1
fi
echo "promtool is installed ($(command -v promtool))."

#!/usr/bin/env bash
# Installs the Debian packages (and, for tests, the npm packages) that are
# missing. Idempotent: nothing is downloaded when everything is present.
# Usage: scripts/deps.sh run|test|bench
set -euo pipefail
cd "$(dirname "$0")/.."

run_pkgs=(gcc make pkg-config libmicrohttpd-dev libsqlite3-dev libsodium-dev gettext libpwquality-dev cracklib-runtime libicu-dev libcurl4-openssl-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk liboath-dev libqrencode-dev libmagic-dev libmd4c-dev libmd4c-html0-dev libjansson-dev libgmime-3.0-dev)
test_pkgs=(zbar-tools oathtool sqlite3 libcmocka-dev clang libclang-rt-14-dev clang-format chromium curl poppler-utils unzip dovecot-imapd)
bench_pkgs=(wrk curl sqlite3)

case "${1:-run}" in
run) want=("${run_pkgs[@]}") ;;
test) want=("${run_pkgs[@]}" "${test_pkgs[@]}") ;;
bench) want=("${run_pkgs[@]}" "${bench_pkgs[@]}") ;;
*) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if ((${#missing[@]})); then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	echo "installing: ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-run}" = test ] && { [ ! -f tests/e2e/node_modules/.package-lock.json ] ||
	[ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; }; then
	(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

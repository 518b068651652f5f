#!/usr/bin/env bash
# Runs the end-to-end tests of Madoguchi.
#
#   tests/e2e/run.sh                      # all *.test.mjs, against build-test/madoguchi
#   tests/e2e/run.sh http.test.mjs        # some files only
#   MADOGUCHI_BIN=build-san/madoguchi tests/e2e/run.sh   # the ASan/UBSan build
#
# Installs the npm packages when node_modules is missing, and Debian's
# chromium when /usr/bin/chromium (or $CHROMIUM_PATH) is missing and this
# runs as root. Ends with "E2E: N passed, N failed"; exits non-zero on failure.
set -uo pipefail

start="$PWD"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here" || exit 2

# A relative MADOGUCHI_BIN is taken from where the script was started.
if [[ -n "${MADOGUCHI_BIN:-}" && "${MADOGUCHI_BIN}" != /* ]]; then
	MADOGUCHI_BIN="$(cd "$start" && realpath -m "$MADOGUCHI_BIN")"
fi
export MADOGUCHI_BIN="${MADOGUCHI_BIN:-$(realpath -m "$here/../../build-test/madoguchi")}"
if [[ ! -x "$MADOGUCHI_BIN" ]]; then
	echo "e2e: no server binary at $MADOGUCHI_BIN (build it: make -C $(realpath -m "$here/../..") VARIANT=test)" >&2
	echo "E2E: 0 passed, 1 failed"
	exit 1
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
		echo "e2e: installing Debian's chromium" >&2
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
	fi
	if [[ ! -x "$chromium" ]]; then
		echo "e2e: chromium not found at $chromium (apt-get install -y chromium, or set CHROMIUM_PATH)" >&2
		echo "E2E: 0 passed, 1 failed"
		exit 1
	fi
fi

# npm writes node_modules/.package-lock.json: older than the lock file means stale.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
	echo "e2e: installing npm packages" >&2
	if [[ -f package-lock.json ]]; then
		npm ci --no-audit --no-fund >&2
	else
		npm install --no-audit --no-fund >&2
	fi || {
		echo "E2E: 0 passed, 1 failed"
		exit 1
	}
fi

# Test files named on the command line: from where the script was started, or from here.
files=()
for f in "$@"; do
	if [[ "$f" != /* && -f "$start/$f" ]]; then
		files+=("$start/$f")
	else
		files+=("$f")
	fi
done
if [[ ${#files[@]} -eq 0 ]]; then
	files=(*.test.mjs)
fi

echo "e2e: server $MADOGUCHI_BIN" >&2
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 "${files[@]}" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}

# The spec reporter's summary: "ℹ pass N" and "ℹ fail N" (plus cancelled).
count() { sed -n "s/^ℹ $1 \([0-9][0-9]*\)$/\1/p" "$out" | tail -n 1; }
passed="$(count pass)"
failed="$(count fail)"
cancelled="$(count cancelled)"
if [[ -z "$passed" || -z "$failed" ]]; then
	echo "e2e: the test runner printed no summary (exit code $rc)" >&2
	echo "E2E: ${passed:-0} passed, $(( ${failed:-0} + 1 )) failed"
	exit 1
fi
failed=$(( failed + ${cancelled:-0} ))
if [[ $rc -ne 0 && $failed -eq 0 ]]; then
	failed=1 # the runner failed outside any test (e.g. in a before() hook)
fi
echo "E2E: $passed passed, $failed failed"
[[ $rc -eq 0 && $failed -eq 0 ]]

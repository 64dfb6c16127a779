#!/usr/bin/env bash
# Runs every test: starts RabbitMQ and MariaDB if needed (installing them from Debian packages on a fresh machine),
# builds the solution (warnings are errors) and runs the test projects one after the other.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/services.sh start
# The dashboard's browser tests drive Debian's Chromium (never a browser Playwright downloads).
scripts/chromium.sh

echo "== build"
dotnet build EnvioMassa.sln -c Release -nologo -clp:ErrorsOnly

results=$(mktemp -d)
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  if ! dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --logger "console;verbosity=minimal" "$@"; then
    status=1
  fi
done

# One closing line for all projects: "N passed, N failed, N skipped".
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
# The names again at the very end, where a truncated CI log still shows them.
failures=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"' | sed -n 's/.* testName="\([^"]*\)".*/\1/p' || true)
if [ -n "$failures" ]; then
  echo "failed tests:"
  sed 's/^/  /' <<<"$failures"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || { echo "no test ran" >&2; status=1; }
exit $status

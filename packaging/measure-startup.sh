#!/usr/bin/env bash
# How much the CDS archives shorten the installed app's start: time to a shown window, with both
# archives, without the application's (lib/app/ponder.jsa) and without either (nor the runtime's
# lib/server/classes.jsa, as before they were made), in turns.
#   packaging/measure-startup.sh [FILE.deb [ROUNDS]]   default: the newest target/installer/ponder_*.deb, 3
# Build the .deb first (packaging/smoke-test-deb.sh does). The .deb is unpacked and its launcher run
# at /opt/ponder (a bind mount in a user and mount namespace of its own, as smoke-test-deb.sh does:
# JDK 17 uses the application's archive only at the path where it was made), under Xvfb, with
# --smoke-test: it exits once the window is shown. Each variant has its own library, made and filled
# with one sample PDF by a first start that is not counted. The time is the log's "Startup: window
# shown after N ms" (milliseconds since the JVM started), and "library shown" (usable: the library list
# shows what the library holds). Prints each start, the median per
# variant and the ratios. Numbers from a busy machine vary: compare medians of the same run.
# Needs: dpkg-deb, unshare, xvfb-run.
set -uo pipefail
cd "$(dirname "$0")/.."

deb=${1:-$(ls -t target/installer/ponder_*.deb 2>/dev/null | head -1)}
rounds=${2:-3}
[[ -f "$deb" ]] || { echo "measure-startup: no .deb (build one with packaging/smoke-test-deb.sh)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
dpkg-deb -x "$deb" "$root"
app=$root/opt/ponder/lib/app
base=$root/opt/ponder/lib/runtime/lib/server
[[ -f "$app/ponder.jsa" ]] || { echo "measure-startup: $deb has no lib/app/ponder.jsa (built without a display?)" >&2; exit 1; }

at_opt=(unshare --user --map-root-user --mount sh -c
  'mount -t tmpfs measure /opt && mkdir /opt/ponder && mount --bind "$0" /opt/ponder && exec "$@"' "$root/opt/ponder")

variants=(both runtime-only none)
use() { # VARIANT: puts the archives it has in place, moves the others aside (their times unchanged)
  local want_app=1 want_base=1
  [[ $1 == runtime-only ]] && want_app=0
  [[ $1 == none ]] && want_app=0 && want_base=0
  if ((want_app)); then [[ -f "$app/ponder.jsa" ]] || mv "$work/ponder.jsa" "$app/"; else [[ -f "$app/ponder.jsa" ]] && mv "$app/ponder.jsa" "$work/"; fi
  if ((want_base)); then [[ -f "$base/classes.jsa" ]] || mv "$work/classes.jsa" "$base/"; else [[ -f "$base/classes.jsa" ]] && mv "$base/classes.jsa" "$work/"; fi
  return 0
}
start() { # VARIANT [PDF…]: one start; prints the window-shown milliseconds, then the usable ones (the list shown)
  local variant=$1; shift
  use "$variant"
  xvfb-run -a -s "-screen 0 1400x900x24" "${at_opt[@]}" /opt/ponder/bin/Ponder --data-dir "$work/data-$variant" \
    --ollama-url http://127.0.0.1:9 --smoke-test --smoke-test-seconds 300 "$@" >"$work/out" 2>&1 \
    || { echo "measure-startup: a start ($variant) failed: $(tail -2 "$work/out")" >&2; exit 1; }
  local log=("$work/data-$variant"/logs/*.log)
  echo "$(grep -ho 'Startup: window shown after [0-9]* ms' "${log[@]}" | tail -1 | tr -dc 0-9)" \
    "$(grep -ho 'Startup: library shown after [0-9]* ms' "${log[@]}" | tail -1 | tr -dc 0-9)"
}

pdf=$(ls sample-docs/*.pdf | head -1)
for v in "${variants[@]}"; do start "$v" "$pdf" >/dev/null; done
declare -A times usable
for ((r = 1; r <= rounds; r++)); do
  line="round $r:"
  for v in "${variants[@]}"; do
    read -r ms ready < <(start "$v")
    [[ -n "$ms" ]] || exit 1
    times[$v]+="$ms "
    usable[$v]+="${ready:-?} "
    line+="  $v $ms ms (usable ${ready:-?} ms)"
  done
  echo "$line"
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
both=$(median "${times[both]}"); runtime=$(median "${times[runtime-only]}"); none=$(median "${times[none]}")
echo "median window shown: both archives $both ms, runtime's only $runtime ms, none $none ms"
echo "median usable (the library list shown; ? when the smoke test closed the window first):" \
  "both archives $(median "${usable[both]//\?/}") ms, runtime's only $(median "${usable[runtime-only]//\?/}") ms," \
  "none $(median "${usable[none]//\?/}") ms"
awk -v b="$both" -v r="$runtime" -v n="$none" 'BEGIN {
  printf "ratio: both/none %.2f, runtime-only/none %.2f, both/runtime-only %.2f\n", b / n, r / n, b / r }'

#!/usr/bin/env bash
# Checks the system prerequisites of `npm run demo`, `npm run bench`, `npm test` and CI against the one
# package list (infra/prerequisites/packages.txt), before anything else runs.
#   as root with apt-get (Debian/Ubuntu): installs what is missing, then checks again;
#   otherwise: prints one line per missing tool with the command that installs it, and exits 1.
# Usage: bash infra/prerequisites/ensure.sh demo|test
# Env: VIGIL_PREREQUISITES=check (only check, never install) or =skip (do nothing; you vouch for them).
set -uo pipefail
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LIST="$DIR/packages.txt"
FOR=${1:?usage: ensure.sh demo|test}
MODE=${VIGIL_PREREQUISITES:-install}
[ "$MODE" = skip ] && exit 0

fonts=""
# Whether one check of the list holds: cmd:NAME, file:/PATH or font:FAMILY (spaces as _).
present() {
  case "$1" in
    cmd:*) command -v "${1#cmd:}" >/dev/null 2>&1 ;;
    file:*) [ -e "${1#file:}" ] ;;
    font:*)
      local family=${1#font:}
      [ -n "$fonts" ] || fonts=$(fc-list : family 2>/dev/null || true)
      grep -qiF "${family//_/ }" <<<"$fonts"
      ;;
    *) echo "prerequisites: bad check '$1' in $LIST" >&2 && return 1 ;;
  esac
}

# Sets missing_pkgs (unique package names) and missing_tools ("tool|package|what for", one per check).
scan() {
  missing_pkgs=() missing_tools=()
  fonts=""
  local pkg check scopes why
  while read -r pkg check scopes why; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    [[ ",$scopes," == *",$FOR,"* ]] || continue
    present "$check" && continue
    why=${why#\#}
    missing_tools+=("${check#*:}|$pkg|${why# }")
    [[ " ${missing_pkgs[*]} " == *" $pkg "* ]] || missing_pkgs+=("$pkg")
  done <"$LIST"
}

scan
[ ${#missing_pkgs[@]} -eq 0 ] && exit 0

if [ "$MODE" = install ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "prerequisites: installing ${missing_pkgs[*]} (apt-get, as root)"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing_pkgs[@]}" >/dev/null; }; then
    echo "prerequisites: apt-get install ${missing_pkgs[*]} failed (see above)" >&2
    exit 1
  fi
  scan
  [ ${#missing_pkgs[@]} -eq 0 ] && exit 0
fi

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo "
apt="${sudo}apt-get install -y --no-install-recommends"
{
  for t in "${missing_tools[@]}"; do
    IFS='|' read -r tool pkg why <<<"$t"
    if command -v apt-get >/dev/null; then
      echo "missing: ${tool//_/ } (${why}) - install: $apt $pkg"
    else
      echo "missing: ${tool//_/ } (${why}) - install it with your package manager (Debian package: $pkg)"
    fi
  done
  command -v apt-get >/dev/null && echo "all at once: $apt ${missing_pkgs[*]}"
} >&2
exit 1

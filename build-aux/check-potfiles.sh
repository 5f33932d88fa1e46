#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with translatable text is listed in po/POTFILES.in, and every listed file exists.
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 1
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort -u)
found=$( { grep -rlE --include='*.c' '\b_\(|\bN_\(|g_dngettext' src 2>/dev/null; grep -rl --include='*.ui' 'translatable="yes"' data/ui 2>/dev/null; \
           ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null; } | sort -u)
for f in $found; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "po/POTFILES.in lacks $f"
    status=1
  fi
done
for f in $listed; do
  if [[ ! -e "$f" ]]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
[[ $status -eq 0 ]] && echo "1..1" && echo "ok 1 - po/POTFILES.in is complete"
exit $status

#!/bin/sh
# Usage: set_aside.sh TRASH PATH...  Moves each existing PATH into the TRASH directory (made if
# missing) under a fresh name. bench/run.sh deletes TRASH when it ends: see why there.
set -eu
trash=$1
shift
mkdir -p "$trash"
for path in "$@"; do
    [ -e "$path" ] || continue
    mv "$path" "$(mktemp -d "$trash/XXXXXXXX")/"
done

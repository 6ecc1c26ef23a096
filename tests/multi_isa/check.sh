#!/bin/sh
# tests/multi_isa/check.sh — one program, three units of rectify built for three instruction sets
# (see CMakeLists.txt): no inline function of rectify may be shared between the units, and each
# unit must run, and compute the same, whichever order the units were linked in.
#   check.sh symbols NM OBJECT...            no weak code symbol of rectify defined in two objects
#   check.sh run [EMULATOR...] -- UNIT PROGRAM...   the same hash from UNIT in every PROGRAM
set -eu
mode=$1
shift
case $mode in
symbols)
    nm=$1
    shift
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    i=0
    for object in "$@"; do
        i=$((i + 1))
        # Weak (COMDAT) code: the bodies the linker keeps one of. Data (the exp constants) is the
        # same in every unit.
        "$nm" -C --defined-only "$object" | awk '$2 == "W" || $2 == "w"' | cut -d' ' -f3- |
            grep 'rectify::' | sort -u >"$dir/$i"
        echo "$object: $(wc -l <"$dir/$i") weak functions of rectify"
    done
    shared=$(cat "$dir"/* | sort | uniq -d)
    if [ -n "$shared" ]; then
        echo "functions of rectify with the same symbol in units built for different instruction sets:"
        echo "$shared"
        exit 1
    fi
    echo "no function of rectify is shared between the units"
    ;;
run)
    emulator=""
    while [ "$1" != "--" ]; do
        emulator="$emulator $1"
        shift
    done
    shift
    unit=$1
    shift
    first=""
    for program in "$@"; do
        # shellcheck disable=SC2086  # the emulator and its options are words
        out=$($emulator "$program" "$unit" 2>/dev/null) || {
            echo "$program $unit failed (status $?) on${emulator:- this CPU}"
            exit 1
        }
        echo "$program on${emulator:- this CPU}: $out"
        case $out in *" 0000000000000000") echo "a parameter out of range in float was accepted"; exit 1 ;; esac
        [ -n "$first" ] || first=$out
        [ "$out" = "$first" ] || { echo "different results in programs linked in other orders"; exit 1; }
    done
    ;;
*)
    echo "usage: check.sh symbols|run ..." >&2
    exit 2
    ;;
esac

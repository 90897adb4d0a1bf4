#!/bin/sh
# Fuzzes the call-file reader, the rules parser, the stream over a hostile feed and the
# stream checkpoint parser with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]   (default: 60 seconds each; targets: reader rules stream checkpoint)
#
# Each target (Fuzz/ReaderFuzz.swift, RulesFuzz.swift, StreamFuzz.swift, CheckpointFuzz.swift)
# is compiled with swiftc together with Sources/FraudModel as one module, into .build-fuzz/,
# so `swift build` and `swift test` never see it. It starts from the seed corpus in
# Tests/Corpus/<target>/ (the stream target also from the reader's, whose inputs it reads
# the same way; the checkpoint target writes its own seed, a checkpoint of the current
# format) plus what earlier runs found, kept in .build-fuzz/corpus-<target>/, runs for
# SECONDS, and prints how many inputs it tried. An input that crashes, hangs (10 s) or uses
# more than 2 GB is copied to Tests/Corpus/<target>/ as crash-<hash>: commit it, and
# CorpusTests replays it in `swift test` from then on. Exits 1 if any target found one.
set -eu
cd "$(dirname "$0")/.."
budget=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-reader rules stream checkpoint}
out=.build-fuzz
mkdir -p "$out"
sources=$(find Sources/FraudModel -name '*.swift' | sort)
found=0
for target in $targets; do
    case $target in
        reader) main=Fuzz/ReaderFuzz.swift ;;
        rules) main=Fuzz/RulesFuzz.swift ;;
        stream) main=Fuzz/StreamFuzz.swift ;;
        checkpoint) main=Fuzz/CheckpointFuzz.swift ;;
        *) echo "unknown target '$target' (reader, rules, stream, checkpoint)" >&2; exit 64 ;;
    esac
    echo "== building $target (swiftc -sanitize=fuzzer,address -O)"
    # shellcheck disable=SC2086
    if ! swiftc -sanitize=fuzzer,address -O -g -parse-as-library -module-name FraudModel \
        $sources "$main" -o "$out/fuzz-$target" > "$out/build-$target.log" 2>&1; then
        grep -v 'Cannot export local symbol' "$out/build-$target.log" >&2
        exit 1
    fi
    mkdir -p "$out/corpus-$target" "$out/crashes-$target" "Tests/Corpus/$target"
    echo "== fuzzing $target for ${budget}s"
    status=0
    seeds="Tests/Corpus/$target"
    [ "$target" = stream ] && seeds="$seeds Tests/Corpus/reader"
    # shellcheck disable=SC2086
    "$out/fuzz-$target" "$out/corpus-$target" $seeds \
        -max_total_time="$budget" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$out/crashes-$target/" -print_final_stats=1 \
        > "$out/$target.log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$target.log" | tail -n 1)
    time=$(sed -n 's/.*Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$out/$target.log" | tail -n 1)
    corpus=$(find "$out/corpus-$target" -type f | wc -l)
    echo "$target: ${runs:-?} inputs in ${time:-$budget} s, corpus $corpus files, exit $status (log: $out/$target.log)"
    for crash in "$out/crashes-$target"/*; do
        [ -f "$crash" ] || continue
        name=crash-$(sha1sum "$crash" | cut -c1-16)
        cp "$crash" "Tests/Corpus/$target/$name"
        echo "$target: FOUND $(basename "$crash") -> Tests/Corpus/$target/$name"
        rm "$crash"
        found=1
    done
done
exit $found

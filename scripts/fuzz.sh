#!/usr/bin/env bash
# Builds the coverage-guided libFuzzer harness for the MushroomRPC wire parsers
# (Message(frame:) and Message.decodeBatch(frame:)) and runs it for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
#
# MushroomRPC is compiled straight from its sources with -sanitize=fuzzer,address so the
# parsers are instrumented; swift-log comes from the checkout SwiftPM resolved. Everything
# goes to .build/fuzz/. The run starts from the committed corpus (Tests/MushroomRPCTests/Corpus)
# and writes new inputs to .build/fuzz/corpus; merge interesting ones back with
#   .build/fuzz/parsers -merge=1 Tests/MushroomRPCTests/Corpus .build/fuzz/corpus
# A crash, a property violation or an input slower than -timeout leaves a reproducer in .build/fuzz/.
set -euo pipefail

seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build/fuzz"
mkdir -p "$out/corpus"
cd "$root"

swift package resolve >/dev/null
logging="$root/.build/checkouts/swift-log/Sources/Logging"
[[ -d "$logging" ]] || { echo "fuzz.sh: swift-log checkout not found at $logging" >&2; exit 1; }

flags=(-O -parse-as-library -swift-version 6 -module-cache-path "$out/module-cache")
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name Logging -package-name swift_log \
    -emit-module-path "$out/Logging.swiftmodule" -o "$out/libLogging.a" $(find "$logging" -name '*.swift' | sort)
swiftc "${flags[@]}" -sanitize=fuzzer,address -emit-library -static -emit-module -module-name MushroomRPC \
    -I "$out" -emit-module-path "$out/MushroomRPC.swiftmodule" -o "$out/libMushroomRPC.a" \
    $(find Sources/MushroomRPC -name '*.swift' | sort)
swiftc "${flags[@]}" -sanitize=fuzzer,address -module-name ParserFuzz -I "$out" -L "$out" \
    -lMushroomRPC -lLogging -o "$out/parsers" \
    Fuzz/*.swift Tests/MushroomRPCTests/ParserProperty.swift

cd "$out"
exec ./parsers corpus "$root/Tests/MushroomRPCTests/Corpus" \
    -max_total_time="$seconds" -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
    -dict="$root/Fuzz/json.dict" -print_final_stats=1 "$@"

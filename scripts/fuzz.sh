#!/usr/bin/env bash
# Builds a coverage-guided libFuzzer harness and runs it for SECONDS (default 60):
#
#   scripts/fuzz.sh [parsers|http] [SECONDS] [extra libFuzzer flags...]
#
# - parsers (the default): the MushroomRPC wire parsers, Message(frame:) and
#   Message.decodeBatch(frame:), against ParserProperty; corpus Tests/MushroomRPCTests/Corpus.
# - http: the server's I/O-free request checks (the first request head, the bootstrap body, Host
#   and session-id validation) against HTTPRequestProperty; corpus Tests/MushroomServerTests/HTTPCorpus.
#
# MushroomRPC (and for http the server's request-check sources) is compiled straight from its
# sources with -sanitize=fuzzer,address so the code under test is instrumented; swift-log comes
# from the checkout SwiftPM resolved. Everything goes to .build/fuzz/. A run starts from the
# committed corpus and writes new inputs to .build/fuzz/corpus-TARGET; merge interesting ones
# back with
#   .build/fuzz/TARGET -merge=1 COMMITTED_CORPUS .build/fuzz/corpus-TARGET
# A crash, a property violation or an input slower than -timeout leaves a reproducer in .build/fuzz/.
# `swift test` replays both corpora (FuzzCorpusTests, HTTPFuzzCorpusTests).
set -euo pipefail

target="parsers"
if [[ "${1:-}" == "parsers" || "${1:-}" == "http" ]]; then
    target="$1"
    shift
fi
seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build/fuzz"
mkdir -p "$out/corpus-$target"
cd "$root"

swift package resolve >/dev/null
logging="$root/.build/checkouts/swift-log/Sources/Logging"
[[ -d "$logging" ]] || { echo "fuzz.sh: swift-log checkout not found at $logging" >&2; exit 1; }

flags=(-O -parse-as-library -swift-version 6 -module-cache-path "$out/module-cache")
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name Logging -package-name swift_log \
    -emit-module-path "$out/Logging.swiftmodule" -o "$out/libLogging.a" $(find "$logging" -name '*.swift' | sort)
swiftc "${flags[@]}" -sanitize=fuzzer,address -emit-library -static -emit-module -module-name MushroomRPC -package-name mushroom \
    -I "$out" -emit-module-path "$out/MushroomRPC.swiftmodule" -o "$out/libMushroomRPC.a" \
    $(find Sources/MushroomRPC -name '*.swift' | sort)

case "$target" in
parsers)
    corpus="$root/Tests/MushroomRPCTests/Corpus"
    dictionary="$root/Fuzz/json.dict"
    sources=(Fuzz/Parsers/*.swift Tests/MushroomRPCTests/ParserProperty.swift)
    ;;
http)
    corpus="$root/Tests/MushroomServerTests/HTTPCorpus"
    dictionary="$root/Fuzz/http.dict"
    server=Sources/MushroomServer
    sources=(Fuzz/HTTP/*.swift Tests/MushroomServerTests/HTTPRequestProperty.swift
        "$server/HeadScan.swift" "$server/HostHeader.swift" "$server/BootstrapRequest.swift"
        "$server/JSONValue+KindWithArticle.swift" "$server/SessionID.swift" "$server/TransportKind.swift")
    ;;
esac
swiftc "${flags[@]}" -sanitize=fuzzer,address -package-name mushroom -module-name "${target^}Fuzz" -I "$out" -L "$out" \
    -lMushroomRPC -lLogging -o "$out/$target" "${sources[@]}"

cd "$out"
exec "./$target" "corpus-$target" "$corpus" \
    -max_total_time="$seconds" -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
    -dict="$dictionary" -print_final_stats=1 "$@"

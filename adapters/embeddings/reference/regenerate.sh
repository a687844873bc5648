#!/usr/bin/env bash
# Regenerates adapters/embeddings/src/test/resources/dev/noesis/embeddings/reference-vectors.json
# with an implementation independent of Noesis's: LangChain4j's in-process embedding models
# (ONNX Runtime's Java API called directly, one text at a time, LangChain4j's pooling), with the
# ONNX Runtime and DJL tokenizer versions LangChain4j was released with. It runs in its own JVM,
# so its ONNX Runtime environment never meets DJL's. Needs Maven Central the first time.
#   adapters/embeddings/reference/regenerate.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
# shellcheck source=../../../scripts/jdk.sh
. "$root/scripts/jdk.sh"
noesis_find_jdk
export OPT_OUT_TRACKING=true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/mvnw" -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2
out="$root/adapters/embeddings/src/test/resources/dev/noesis/embeddings/reference-vectors.json"
mkdir -p "$(dirname "$out")"
version=$(sed -n 's:.*<langchain4j-embeddings.version>\(.*\)</langchain4j-embeddings.version>.*:\1:p' "$here/pom.xml")
"$JAVA_HOME/bin/java" -Dreference.langchain4j.version="$version" -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -cp "$(cat "$work/cp.txt")" \
  "$here/ReferenceVectors.java" > "$work/ref.json"
mv "$work/ref.json" "$out"
echo "wrote $out" >&2

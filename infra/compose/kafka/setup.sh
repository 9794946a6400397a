#!/usr/bin/env bash
# One-shot, after the broker is healthy: creates Vigil's topics and the ACLs of each principal, as the
# administrator. The two lists mirror libs/contracts (TOPICS and KAFKA_PRINCIPALS / kafkaAclGrants);
# test/infra/deployment-files.test.ts fails when they differ. Idempotent.
set -euo pipefail
BIN=/opt/kafka/bin
mkdir -p /tmp/vigil-kafka
ADMIN=(--bootstrap-server kafka:9092 --command-config /tmp/vigil-kafka/admin.properties)
cat >/tmp/vigil-kafka/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$VIGIL_KAFKA_ADMIN_PASSWORD";
PROPS

# name partitions retention.ms max.message.bytes
TOPICS=(
  'vigil.posts.v1 6 604800000 4194304'
  'vigil.posts.v1.dlq 1 2592000000 4194304'
  'vigil.inference.requests.v1 6 259200000 16777216'
  'vigil.inference.requests.v1.dlq 1 2592000000 16777216'
  'vigil.inference.results.v1 6 604800000 4194304'
  'vigil.inference.results.v1.dlq 1 2592000000 4194304'
  'vigil.media.sources.v1.dlq 1 2592000000 4194304'
  'vigil.verdicts.v1 6 2592000000 4194304'
)
# user operation resource names… (resource: topic = literal topic names, group-prefixed = group id prefixes)
ACLS=(
  'ingest Read topic vigil.posts.v1'
  'ingest Write topic vigil.inference.requests.v1 vigil.posts.v1.dlq'
  'ingest Describe topic vigil.posts.v1 vigil.posts.v1.dlq vigil.inference.requests.v1 vigil.inference.requests.v1.dlq vigil.inference.results.v1 vigil.inference.results.v1.dlq vigil.media.sources.v1.dlq vigil.verdicts.v1'
  'ingest Read group-prefixed vigil-ingest'
  'classifier Read topic vigil.inference.requests.v1'
  'classifier Write topic vigil.inference.results.v1 vigil.inference.requests.v1.dlq'
  'classifier Describe topic vigil.posts.v1 vigil.posts.v1.dlq vigil.inference.requests.v1 vigil.inference.requests.v1.dlq vigil.inference.results.v1 vigil.inference.results.v1.dlq vigil.media.sources.v1.dlq vigil.verdicts.v1'
  'classifier Read group-prefixed vigil-classifier'
  'moderation Read topic vigil.inference.results.v1 vigil.posts.v1'
  'moderation Write topic vigil.verdicts.v1 vigil.inference.results.v1.dlq vigil.media.sources.v1.dlq'
  'moderation Describe topic vigil.posts.v1 vigil.posts.v1.dlq vigil.inference.requests.v1 vigil.inference.requests.v1.dlq vigil.inference.results.v1 vigil.inference.results.v1.dlq vigil.media.sources.v1.dlq vigil.verdicts.v1'
  'moderation Read group-prefixed vigil-moderation'
  'platform Read topic vigil.verdicts.v1 vigil.posts.v1.dlq'
  'platform Write topic vigil.posts.v1'
  'platform Read group-prefixed vigil-platform'
)

for line in "${TOPICS[@]}"; do
  read -r name partitions retention max_bytes <<<"$line"
  "$BIN/kafka-topics.sh" "${ADMIN[@]}" --create --if-not-exists --topic "$name" --partitions "$partitions" \
    --replication-factor 1 --config "retention.ms=$retention" --config "max.message.bytes=$max_bytes"
done
for line in "${ACLS[@]}"; do
  read -r user operation resource names <<<"$line"
  args=()
  for name in $names; do
    case $resource in
      topic) args+=(--topic "$name") ;;
      group-prefixed) args+=(--group "$name" --resource-pattern-type prefixed) ;;
    esac
  done
  "$BIN/kafka-acls.sh" "${ADMIN[@]}" --add --allow-principal "User:$user" --operation "$operation" "${args[@]}" >/dev/null
done
echo "kafka-setup: ${#TOPICS[@]} topics and the ACLs of ingest, classifier, moderation and platform in place"

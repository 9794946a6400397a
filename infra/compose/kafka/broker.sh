#!/usr/bin/env bash
# Compose's Kafka broker (apache/kafka image): single-node KRaft, like infra/kafka/server.properties.template
# with compose's host names. Every client authenticates with SASL/SCRAM-SHA-512 (one user per service, plus
# `platform` and `admin`; the passwords come from VIGIL_KAFKA_<USER>_PASSWORD and are added to the metadata
# when the storage is formatted) and the StandardAuthorizer allows only what kafka/setup.sh grants.
# SASL_PLAINTEXT on compose's private network; production listeners are SASL_SSL (docs/threat-model.md).
set -euo pipefail
DATA=/tmp/vigil-kafka/data
CONF=/tmp/vigil-kafka/server.properties
mkdir -p "$DATA"
umask 077
cat >"$CONF" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=CLIENT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093
advertised.listeners=CLIENT://kafka:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$VIGIL_KAFKA_ADMIN_PASSWORD";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$VIGIL_KAFKA_ADMIN_PASSWORD" user_admin="$VIGIL_KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$DATA
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
message.max.bytes=16777216
PROPS
# For kafka/setup.sh and the health check: the administrator's client settings.
cat >/tmp/vigil-kafka/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$VIGIL_KAFKA_ADMIN_PASSWORD";
PROPS
SCRAM=()
for user in admin ingest classifier moderation platform; do
  var="VIGIL_KAFKA_${user^^}_PASSWORD"
  SCRAM+=(--add-scram "SCRAM-SHA-512=[name=$user,password=${!var}]")
done
[ -f /tmp/vigil-kafka/cluster.id ] || /opt/kafka/bin/kafka-storage.sh random-uuid >/tmp/vigil-kafka/cluster.id
/opt/kafka/bin/kafka-storage.sh format -t "$(cat /tmp/vigil-kafka/cluster.id)" -c "$CONF" --ignore-formatted "${SCRAM[@]}"
exec /opt/kafka/bin/kafka-server-start.sh "$CONF"

#!/usr/bin/env bash
# Starts a single-node KRaft Apache Kafka broker on 127.0.0.1 from Maven Central jars.
# Idempotent: a broker already running from this run folder is left alone.
# Env: VIGIL_KAFKA_PORT (9092), VIGIL_KAFKA_CONTROLLER_PORT (9093), VIGIL_KAFKA_RUN_DIR (infra/kafka/.run),
#      VIGIL_KAFKA_HEAP (512m), VIGIL_KAFKA_WAIT_S (60).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT=$(cd "$KAFKA_HOME/../.." && pwd)

if [ -f "$KAFKA_PID_FILE" ] && kill -0 "$(cat "$KAFKA_PID_FILE")" 2>/dev/null; then
  echo "kafka: already running (pid $(cat "$KAFKA_PID_FILE")) on 127.0.0.1:$KAFKA_PORT"
  exec node "$ROOT/infra/kafka/wait-ready.mjs" "127.0.0.1:$KAFKA_PORT" "${VIGIL_KAFKA_WAIT_S:-60}" "$KAFKA_LOG"
fi

if ! ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; then
  echo "kafka: fetching broker jars from Maven Central into $KAFKA_LIB"
  (cd "$KAFKA_HOME" && mvn -q -B dependency:copy-dependencies)
fi

mkdir -p "$KAFKA_RUN_DIR/data"
sed -e "s#@DATA_DIR@#$KAFKA_RUN_DIR/data#" -e "s#@PORT@#$KAFKA_PORT#" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#" \
  "$KAFKA_HOME/server.properties.template" >"$KAFKA_RUN_DIR/server.properties"

JAVA_OPTS=(-Xms128m "-Xmx${VIGIL_KAFKA_HEAP:-512m}" -XX:+UseSerialGC -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$KAFKA_HOME/log4j2.xml")
CP="$KAFKA_LIB/*"

if [ ! -f "$KAFKA_RUN_DIR/cluster.id" ]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool random-uuid >"$KAFKA_RUN_DIR/cluster.id"
fi
java "${JAVA_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool format -t "$(cat "$KAFKA_RUN_DIR/cluster.id")" \
  -c "$KAFKA_RUN_DIR/server.properties" --ignore-formatted >/dev/null

start_ns=$(date +%s%N)
setsid nohup java "${JAVA_OPTS[@]}" -cp "$CP" kafka.Kafka "$KAFKA_RUN_DIR/server.properties" \
  >"$KAFKA_LOG" 2>&1 </dev/null &
echo $! >"$KAFKA_PID_FILE"
echo "kafka: started pid $(cat "$KAFKA_PID_FILE"), log $KAFKA_LOG"
node "$ROOT/infra/kafka/wait-ready.mjs" "127.0.0.1:$KAFKA_PORT" "${VIGIL_KAFKA_WAIT_S:-60}" "$KAFKA_LOG"
ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "kafka: ready on 127.0.0.1:$KAFKA_PORT after $((ms / 1000)).$(printf %03d $((ms % 1000))) s"

# Shared settings for start.sh / stop.sh (sourced, not run).
KAFKA_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAFKA_RUN_DIR=${VIGIL_KAFKA_RUN_DIR:-$KAFKA_HOME/.run}
KAFKA_PORT=${VIGIL_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${VIGIL_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}
KAFKA_PID_FILE=$KAFKA_RUN_DIR/broker.pid
KAFKA_LOG=$KAFKA_RUN_DIR/broker.log
KAFKA_LIB=$KAFKA_HOME/lib
# One SASL/SCRAM-SHA-512 password per principal, generated when the storage is formatted (start.sh);
# libs/kafka/src/credentials.ts reads it for the stack scripts and tests.
KAFKA_CREDENTIALS=$KAFKA_RUN_DIR/credentials.env
KAFKA_PRINCIPALS=(admin ingest classifier moderation platform)

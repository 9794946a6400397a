export * from './records';
export { setKafkaLogSink, type KafkaLogSink } from './client';
export * from './producer';
export * from './consumer';
export * from './admin';
export * from './dead-letter';
export * from './failure-policy';
export * from './credentials';

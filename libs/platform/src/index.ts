export * from './config';
export * from './logging';
export * from './metrics';
export * from './health';
export * from './platform.module';
export * from './bootstrap';
export * from './egress';
export * from './tracing';

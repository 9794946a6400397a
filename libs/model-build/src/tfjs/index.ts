export * from './errors';
export * from './weights';
export * from './layers-model';
export * from './graph-model';
export * from './kernels';

export * from './errors';
export * from './hash';
export * from './hamming';
export * from './pdq';
export * from './image';
export * from './hash-index';
export * from './bank-file';
export * from './vpdq';
export { pdqBackend } from './native';

export * from './errors';
export * from './limits';
export * from './sniff';
export * from './fetch';
export * from './image';
export * from './av';
export * from './decode-pool';
export * from './media-processor';

export * from './schema';
export * from './load';
export * from './evaluate';
export * from './policy-set';
export * from './replay';

export * from './fixtures';
export * from './server';

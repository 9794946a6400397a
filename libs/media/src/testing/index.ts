export * from './fixtures';
export * from './server';
export * from './hostile';

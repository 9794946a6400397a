export * from './session';
export * from './expert';
export * from './image';
export * from './runners/nsfw';
export * from './runners/objects';

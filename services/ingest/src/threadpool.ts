import { availableParallelism } from 'node:os';

/**
 * sharp runs libvips on libuv's thread pool, which also serves DNS lookups (media URLs) and file I/O
 * (video temp files). Node's default of 4 threads would let a few decodes starve those, so size the pool
 * for one decode per core plus headroom, unless the operator set it. Must run before the pool is first
 * used: main.ts imports this module first.
 */
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism() + 4);

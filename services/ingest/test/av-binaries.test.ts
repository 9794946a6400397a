import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@vigil/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAvBinaries } from '../src/av-binaries';
import { envSchema } from '../src/config';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-av-binaries-'));
  for (const name of ['ffmpeg', 'ffprobe']) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
  }
  writeFileSync(join(dir, 'not-executable'), '');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FFMPEG_PATH and FFPROBE_PATH', () => {
  it('default to ffmpeg and ffprobe, found on PATH', async () => {
    const config = envSchema.pick({ FFMPEG_PATH: true, FFPROBE_PATH: true }).parse({});
    expect(config).toEqual({ FFMPEG_PATH: 'ffmpeg', FFPROBE_PATH: 'ffprobe' });
    await expect(checkAvBinaries(config, dir)).resolves.toBeUndefined();
  });

  it('accept a path to an executable file', async () => {
    const config = { FFMPEG_PATH: join(dir, 'ffmpeg'), FFPROBE_PATH: join(dir, 'ffprobe') };
    await expect(checkAvBinaries(config, '')).resolves.toBeUndefined();
  });

  it('stop the boot naming each binary that is not there', async () => {
    const error = await checkAvBinaries(
      { FFMPEG_PATH: 'no-such-ffmpeg', FFPROBE_PATH: join(dir, 'not-executable') },
      dir,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(['FFMPEG_PATH', 'FFPROBE_PATH']);
  });
});

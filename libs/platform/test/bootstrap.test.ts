import { Module } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bootService, env, parseConfig, PlatformModule } from '../src';

@Module({ imports: [PlatformModule.forRoot({ service: 'boot-test', logLevel: 'silent' })] })
class ProbeOnlyModule {}

describe('bootService', () => {
  it('listens on the host the setup returns (validated HTTP_HOST), never on the raw environment', async () => {
    const config = parseConfig(z.object({ HTTP_HOST: env.host() }), { HTTP_HOST: '127.0.0.1' });
    const before = process.env.HTTP_HOST;
    process.env.HTTP_HOST = '0.0.0.0'; // ignored: only the validated config counts
    try {
      const app = await bootService({
        service: 'boot-test',
        // Port 0: any free port (the schema's own minimum is 1); the host is the parsed one.
        setup: () => ({ module: ProbeOnlyModule, port: 0, host: config.HTTP_HOST }),
      });
      try {
        const address = app.getHttpServer().address() as { address: string; port: number };
        expect(address.address).toBe('127.0.0.1');
        const health = await fetch(`http://127.0.0.1:${address.port}/healthz`);
        expect(health.status).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      if (before === undefined) delete process.env.HTTP_HOST;
      else process.env.HTTP_HOST = before;
    }
  });
});

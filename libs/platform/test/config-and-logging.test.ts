import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, envVariables, loggerOptions, parseConfig } from '../src';

const schema = z.object({
  KAFKA_BROKERS: env.brokers(),
  HTTP_PORT: env.port(3000),
  ENABLED: env.flag(true),
  MAX_BYTES: env.positiveInt(1024),
});

describe('parseConfig', () => {
  it('parses, coerces and defaults', () => {
    const config = parseConfig(schema, { KAFKA_BROKERS: 'a:9092, b:9093', ENABLED: '0' });
    expect(config).toEqual({
      KAFKA_BROKERS: ['a:9092', 'b:9093'],
      HTTP_PORT: 3000,
      ENABLED: false,
      MAX_BYTES: 1024,
    });
  });

  it('names every bad variable in one error', () => {
    let caught: unknown;
    try {
      parseConfig(schema, { KAFKA_BROKERS: 'nohost', HTTP_PORT: '70000', MAX_BYTES: '-1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const issues = (caught as ConfigError).issues.map((i) => i.variable).sort();
    expect(issues).toEqual(['HTTP_PORT', 'KAFKA_BROKERS', 'MAX_BYTES']);
    expect((caught as ConfigError).message).toContain('HTTP_PORT');
  });

  it('takes an IP address or host name as HTTP_HOST, 0.0.0.0 by default', () => {
    const host = z.object({ HTTP_HOST: env.host() });
    expect(parseConfig(host, {}).HTTP_HOST).toBe('0.0.0.0');
    for (const value of ['127.0.0.1', '::1', 'localhost', 'api.vigil.internal'])
      expect(parseConfig(host, { HTTP_HOST: value }).HTTP_HOST).toBe(value);
    for (const value of ['', 'http://localhost', 'local host', '-bad.example', 'a..b'])
      expect(() => parseConfig(host, { HTTP_HOST: value }), value).toThrowError(/HTTP_HOST/);
  });

  it('lists the variables a schema reads', () => {
    expect(envVariables(schema)).toEqual(['KAFKA_BROKERS', 'HTTP_PORT', 'ENABLED', 'MAX_BYTES']);
  });
});

describe('logger', () => {
  it('never writes a post author or a secret', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = pino(loggerOptions('test', 'info'), sink);
    log.info({ post: { author: 'user-123', post_id: 'p1' }, secret: 'whsec_x' }, 'moderated');
    const entry = JSON.parse(lines[0]!);
    expect(entry.post).toEqual({ author: '[redacted]', post_id: 'p1' });
    expect(entry.secret).toBe('[redacted]');
    expect(entry.service).toBe('test');
  });
});

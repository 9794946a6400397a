import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRange, assertEgressAllowed, createEgressAgent, EgressForbiddenError } from '../src';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => server.close());

describe('assertEgressAllowed', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('refuses %s (%s)', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(() => assertEgressAllowed('h', address)).toThrow(EgressForbiddenError);
  });

  it('lets public addresses through', () => {
    expect(() => assertEgressAllowed('example.com', '93.184.216.34')).not.toThrow();
    expect(() => assertEgressAllowed('example.com', '2606:2800:220:1:248:1893:25c8:1946')).not.toThrow();
  });

  it('honours the allow-list by address, CIDR and host name', () => {
    expect(() => assertEgressAllowed('h', '127.0.0.1', { allow: ['127.0.0.1'] })).not.toThrow();
    expect(() => assertEgressAllowed('h', '10.9.8.7', { allow: ['10.0.0.0/8'] })).not.toThrow();
    expect(() => assertEgressAllowed('cdn.internal', '10.9.8.7', { allow: ['cdn.internal'] })).not.toThrow();
    expect(() => assertEgressAllowed('h', '10.9.8.7', { allow: ['192.168.0.0/16'] })).toThrow(
      EgressForbiddenError,
    );
  });
});

describe('createEgressAgent (real connections)', () => {
  it('refuses an IP literal and a name that resolves to loopback', async () => {
    const agent = createEgressAgent();
    await expect(request(`http://127.0.0.1:${port}/ok`, { dispatcher: agent })).rejects.toThrow(
      EgressForbiddenError,
    );
    await expect(request(`http://localhost:${port}/ok`, { dispatcher: agent })).rejects.toThrow(
      /refusing to connect/,
    );
    await agent.close();
  });

  it('connects when the allow-list names the address', async () => {
    const agent = createEgressAgent({ allow: ['127.0.0.1'] });
    const res = await request(`http://127.0.0.1:${port}/ok`, { dispatcher: agent });
    expect(await res.body.text()).toBe('ok');
    await agent.close();
  });
});

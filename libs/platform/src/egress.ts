import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector } from 'undici';

/**
 * Egress guard against server-side request forgery (SSRF) for every outbound HTTP request to a URL a
 * tenant controls (media URLs, webhook endpoints). Addresses are checked at connect time, on the address
 * actually dialled, so DNS rebinding (a name that resolves public at check time and private later)
 * cannot slip through. Ranges per ipaddr.js (IANA special-purpose registries, RFC 6890); cloud metadata
 * endpoints (169.254.169.254, fd00:ec2::254) fall in link-local / unique-local and are refused with them.
 */

/** ipaddr.js range names that are reachable only inside the host or its private network. */
const FORBIDDEN_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'private',
  'reserved',
  'uniqueLocal',
  'ipv4Mapped', // re-checked as IPv4 below
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
  'benchmarking',
  'amt',
  'as112',
  'deprecated',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
]);

/** Thrown when a request would reach a forbidden address. Callers map it to their code (e.g. MEDIA_FETCH_FORBIDDEN). */
export class EgressForbiddenError extends Error {
  readonly code = 'EGRESS_FORBIDDEN';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`refusing to connect to ${host} (${address}, ${range} address)`);
    this.name = 'EgressForbiddenError';
  }
}

export interface EgressPolicy {
  /**
   * Exceptions: IP addresses, CIDR ranges (`10.0.0.0/8`) or host names that may be reached although
   * private (e.g. `127.0.0.1` in tests, an internal media CDN). Empty by default.
   */
  readonly allow?: readonly string[];
}

/** The ipaddr.js range of an address, IPv4-mapped IPv6 unwrapped to IPv4. */
export function addressRange(address: string): string {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range();
}

function allowedByPolicy(host: string, address: string, allow: readonly string[]): boolean {
  for (const entry of allow) {
    if (entry === host || entry === address) return true;
    if (entry.includes('/') && ipaddr.isValidCIDR(entry) && ipaddr.isValid(address)) {
      const [range, bits] = ipaddr.parseCIDR(entry);
      const addr = ipaddr.process(address);
      if (addr.kind() === range.kind() && addr.match(range, bits)) return true;
    }
  }
  return false;
}

/**
 * Checks one resolved address for `host` against the policy.
 * @throws EgressForbiddenError when the address is private, loopback, link-local, reserved… and not allowed.
 */
export function assertEgressAllowed(host: string, address: string, policy: EgressPolicy = {}): void {
  if (allowedByPolicy(host, address, policy.allow ?? [])) return;
  const range = addressRange(address);
  if (FORBIDDEN_RANGES.has(range)) throw new EgressForbiddenError(host, address, range);
}

/** A `dns.lookup`-compatible function that resolves, then refuses forbidden addresses. */
export function guardedLookup(policy: EgressPolicy = {}): LookupFunction {
  return ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    const check = (address: string) => assertEgressAllowed(hostname, address, policy);
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      try {
        for (const a of addresses) check(a.address);
      } catch (forbidden) {
        return callback(forbidden);
      }
      const wantsAll = (options as { all?: boolean }).all === true;
      if (wantsAll) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}

/**
 * An undici dispatcher whose every connection is checked: host names through `guardedLookup`, IP
 * literals (which Node dials without a lookup) before connecting. Pass it as `dispatcher` to
 * `undici.request` / `fetch`; redirect targets go through the same connector, so a redirect to a
 * private address is refused too.
 * @param connectOptions TLS/socket options for undici's connector (e.g. `timeout` in ms).
 */
export function createEgressAgent(
  policy: EgressPolicy = {},
  options: Omit<Agent.Options, 'connect'> = {},
  connectOptions: buildConnector.BuildOptions = {},
): Agent {
  const base = buildConnector({
    ...connectOptions,
    lookup: guardedLookup(policy),
  } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      try {
        assertEgressAllowed(host, host, policy);
      } catch (error) {
        callback(error as Error, null);
        return;
      }
    }
    base(opts, callback);
  };
  return new Agent({ ...options, connect });
}

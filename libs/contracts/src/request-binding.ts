import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Request binding: proof that an inference result answers a request ingest really issued for that
 * tenant, post, revision and media. Ingest puts `request_binding` on every inference request; the
 * classifier copies it unchanged into its result; moderation recomputes it from the result and records
 * only results whose binding matches (the others go to the results DLQ with `RESULT_BINDING_INVALID`).
 *
 * The binding is `v1:<key id>:<base64url HMAC-SHA256>` over `canonicalBinding(...)` with a key of the
 * keyring `REQUEST_BINDING_KEYS` (`id:<base64, ≥ 32 bytes>[,id:…]`): the first key signs, every key
 * verifies (rotation: add the new key first everywhere, then drop the old one once the topics have
 * drained). Only ingest and moderation hold the keyring; the classifier never needs it.
 *
 * What it does not prove: the result's scores. Whoever can read `vigil.inference.requests.v1` can copy
 * a real binding into a forged result for that same post; Kafka ACLs (only the classifier reads
 * requests and writes results) close that. See docs/threat-model.md.
 */

/** What a binding covers: the post's identity and the digests of the media ingest fetched. */
export interface BindingSubject {
  readonly tenant_id: string;
  readonly post_id: string;
  readonly revision: number;
  readonly media: readonly { readonly media_id: string; readonly sha256?: string }[];
}

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** HMAC-SHA256 keys shorter than its output add no strength; refuse them. */
const MIN_KEY_BYTES = 32;

/**
 * The canonical bytes a binding signs: a JSON array (every string JSON-escaped, so no field can bleed
 * into the next) of a domain tag, tenant, post, revision and `[media_id, sha256 | null]` per medium in
 * request order.
 */
export function canonicalBinding(subject: BindingSubject): Buffer {
  return Buffer.from(
    JSON.stringify([
      'vigil.request-binding.v1',
      subject.tenant_id,
      subject.post_id,
      subject.revision,
      subject.media.map((m) => [m.media_id, m.sha256 ?? null]),
    ]),
    'utf8',
  );
}

/** Why a binding was refused, for the dead-letter reason. */
export type BindingCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Signs and verifies request bindings with one keyring (see the module comment). */
export class RequestBinder {
  private constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly signingKeyId: string,
  ) {}

  /**
   * Parses a keyring `id:<base64 key>[,id:…]`.
   * @throws Error naming the bad entry (malformed id, key under 32 bytes, duplicate id) or an empty keyring.
   */
  static fromKeyring(spec: string): RequestBinder {
    const keys = new Map<string, Buffer>();
    for (const entry of spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (at <= 0 || !KEY_ID.test(id) || key.length < MIN_KEY_BYTES || keys.has(id))
        throw new Error(
          `entry "${KEY_ID.test(id) ? id : entry.slice(0, 8)}…" is not id:<at least ${MIN_KEY_BYTES} bytes, base64> with a unique id`,
        );
      keys.set(id, key);
    }
    const first = keys.keys().next();
    if (first.done) throw new Error('no key: set id:<base64 key> (openssl rand -base64 32)');
    return new RequestBinder(keys, first.value);
  }

  /** The binding of `subject`, signed with the first key. */
  sign(subject: BindingSubject): string {
    return `${VERSION}:${this.signingKeyId}:${this.mac(this.keys.get(this.signingKeyId)!, subject).toString('base64url')}`;
  }

  /** Whether `binding` is what this keyring signs for `subject` (constant-time comparison of the MAC). */
  verify(subject: BindingSubject, binding: string | undefined): BindingCheck {
    if (binding === undefined || binding === '')
      return { ok: false, reason: 'the result has no request binding' };
    const [version, keyId, mac, ...rest] = binding.split(':');
    if (version !== VERSION || keyId === undefined || mac === undefined || rest.length > 0)
      return { ok: false, reason: 'the request binding is malformed' };
    const key = this.keys.get(keyId);
    if (!key)
      return {
        ok: false,
        reason: `the request binding names key "${keyId.slice(0, 32)}", not in the keyring`,
      };
    const expected = this.mac(key, subject);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return {
        ok: false,
        reason: 'the request binding does not match the tenant, post, revision and media of the result',
      };
    return { ok: true };
  }

  private mac(key: Buffer, subject: BindingSubject): Buffer {
    return createHmac('sha256', key).update(canonicalBinding(subject)).digest();
  }
}

/** Parses a keyring inside a zod transform: a malformed one becomes an issue naming the variable. */
function parseKeyring(spec: string, ctx: z.RefinementCtx<string>): RequestBinder {
  try {
    return RequestBinder.fromKeyring(spec);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
}

/**
 * `REQUEST_BINDING_KEYS` as a service config field that must be set (ingest signs every request): the
 * keyring parsed into a `RequestBinder`.
 */
export function requestBindingKeysEnv() {
  return z
    .string({ error: 'required: id:<base64 key>[,id:…] (openssl rand -base64 32)' })
    .min(1, 'required: id:<base64 key>[,id:…] (openssl rand -base64 32)')
    .transform(parseKeyring);
}

/**
 * `REQUEST_BINDING_KEYS` where only some roles need it: `null` when empty (the service then refuses the
 * roles that need it), otherwise the parsed keyring.
 */
export function optionalRequestBindingKeysEnv() {
  return z
    .string()
    .default('')
    .transform((spec, ctx): RequestBinder | null => (spec.trim() === '' ? null : parseKeyring(spec, ctx)));
}

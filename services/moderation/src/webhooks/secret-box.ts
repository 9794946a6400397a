import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Thrown when a stored secret cannot be opened: its key is not in the keyring, or it was tampered with. */
export class WebhookSecretKeyError extends Error {
  readonly code = 'WEBHOOK_SECRET_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSecretKeyError';
  }
}

const PREFIX = 'enc:v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Webhook signing secrets at rest: AES-256-GCM (NIST SP 800-38D) with a 96-bit random nonce per secret
 * and the endpoint id as additional authenticated data, so a row copied to another endpoint does not
 * open. Stored as `enc:v1:<key id>:<nonce b64url>:<ciphertext‖tag b64url>`.
 *
 * The keyring comes from `WEBHOOK_SECRET_KEYS`: `id:base64-32-bytes[,id:…]`; the first key seals, every
 * key opens (rotation: put the new key first, run `moderation webhook-secrets reseal`, then drop the old
 * one). With an empty keyring secrets are stored as they are (a warning at start-up says so), and rows
 * written before encryption was turned on still open (they have no prefix).
 */
export class WebhookSecretBox {
  private constructor(private readonly keys: ReadonlyMap<string, Buffer>) {}

  /**
   * Parses a keyring. @throws Error naming the entry when an id or key is malformed (key ≠ 32 bytes).
   */
  static fromKeyring(spec: string): WebhookSecretBox {
    const keys = new Map<string, Buffer>();
    for (const entry of spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (at <= 0 || !KEY_ID.test(id) || key.length !== 32 || keys.has(id))
        throw new Error(
          `WEBHOOK_SECRET_KEYS: entry "${id || entry.slice(0, 8)}…" is not id:<32 bytes, base64>`,
        );
      keys.set(id, key);
    }
    return new WebhookSecretBox(keys);
  }

  /** A box without keys: secrets are stored in plain text. */
  static plaintext(): WebhookSecretBox {
    return new WebhookSecretBox(new Map());
  }

  /** True when secrets are sealed (a keyring is configured). */
  get encrypts(): boolean {
    return this.keys.size > 0;
  }

  /** The stored form of `secret` for `endpointId`: sealed with the first key, or as is without keys. */
  seal(secret: string, endpointId: string): string {
    const first = this.keys.entries().next();
    if (first.done) return secret;
    const [id, key] = first.value;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(endpointId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}:${id}:${nonce.toString('base64url')}:${sealed.toString('base64url')}`;
  }

  /**
   * The secret behind a stored value (plain-text rows are returned as they are).
   * @throws WebhookSecretKeyError when the key id is not in the keyring or authentication fails.
   */
  open(stored: string, endpointId: string): string {
    if (!stored.startsWith(`${PREFIX}:`)) return stored;
    const [, , id, nonce, sealed] = stored.split(':');
    const key = this.keys.get(id ?? '');
    if (!key || !nonce || !sealed)
      throw new WebhookSecretKeyError(
        `webhook secret of ${endpointId}: key "${id}" is not in WEBHOOK_SECRET_KEYS`,
      );
    const bytes = Buffer.from(sealed, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'))
        .setAAD(Buffer.from(endpointId, 'utf8'))
        .setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new WebhookSecretKeyError(
        `webhook secret of ${endpointId} does not authenticate under key "${id}"`,
      );
    }
  }

  /** True when `stored` is already sealed with the first (current) key. */
  isCurrent(stored: string): boolean {
    const first = this.keys.keys().next();
    return first.done ? !stored.startsWith(`${PREFIX}:`) : stored.startsWith(`${PREFIX}:${first.value}:`);
  }
}

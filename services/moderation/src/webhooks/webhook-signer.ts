import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Standard Webhooks headers of one attempt. */
export interface SignedHeaders {
  readonly 'webhook-id': string;
  /** Unix seconds of this attempt. */
  readonly 'webhook-timestamp': string;
  /** `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per valid secret, space-separated. */
  readonly 'webhook-signature': string;
}

/** A new endpoint secret in the Standard Webhooks format: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Signs one attempt with every currently valid secret of the endpoint (Standard Webhooks: several
 * space-separated signatures let receivers rotate secrets without downtime; any one matching is enough).
 * @param secrets `whsec_…` secrets, newest first; at least one.
 * @param at the attempt time; receivers reject timestamps more than 5 minutes off.
 * @throws Error when `secrets` is empty.
 */
export function signWebhook(
  messageId: string,
  body: string,
  secrets: readonly string[],
  at = new Date(),
): SignedHeaders {
  if (secrets.length === 0) throw new Error(`no valid secret to sign ${messageId}`);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(' '),
  };
}

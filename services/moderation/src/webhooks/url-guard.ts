import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { assertEgressAllowed, EgressForbiddenError, type EgressPolicy } from '@vigil/platform';

/** Why a webhook URL was refused at registration. */
export class WebhookUrlError extends Error {
  constructor(
    readonly code: 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookUrlError';
  }
}

/**
 * Checks a webhook endpoint URL when it is registered: http(s), no credentials, and every address its
 * host resolves to passes the SSRF guard (@vigil/platform egress policy). Delivery re-checks at connect
 * time through the egress agent, so a name that later resolves to a private address is refused then too.
 * @throws WebhookUrlError `WEBHOOK_URL_INVALID` (not a usable URL, or the host does not resolve) or
 *   `WEBHOOK_URL_FORBIDDEN` (a private, loopback, link-local… address not on the allow-list).
 */
export async function assertWebhookUrlAllowed(text: string, policy: EgressPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookUrlError('WEBHOOK_URL_INVALID', `not a URL: ${text}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookUrlError('WEBHOOK_URL_INVALID', `webhook URLs must be http(s), not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new WebhookUrlError('WEBHOOK_URL_INVALID', 'webhook URLs must not carry credentials');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (error) {
    throw new WebhookUrlError('WEBHOOK_URL_INVALID', `${host} does not resolve: ${(error as Error).message}`);
  }
  try {
    for (const address of addresses) assertEgressAllowed(host, address, policy);
  } catch (error) {
    if (error instanceof EgressForbiddenError)
      throw new WebhookUrlError('WEBHOOK_URL_FORBIDDEN', error.message);
    throw error;
  }
  return url;
}

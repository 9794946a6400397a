import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto, RFC 7914). Parameters follow the OWASP Password Storage
 * Cheat Sheet minimum for scrypt: N = 2^17, r = 8, p = 1 (128 MiB, a few hundred ms per hash), 16-byte
 * salt, 32-byte key. Stored as a PHC-style string so parameters can be raised later and old hashes
 * still verify: `$scrypt$ln=17,r=8,p=1$<salt b64>$<key b64>`.
 */
const DEFAULT = { ln: 17, r: 8, p: 1 };
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** ln;
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a password (NFKC-normalised) into a PHC-style scrypt string. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { ln, r, p } = DEFAULT;
  const key = await derive(password, salt, ln, r, p);
  return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time check of a password against a string from `hashPassword`; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!match) return false;
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 4) return false;
  const expected = Buffer.from(match[5]!, 'base64');
  const key = await derive(password, Buffer.from(match[4]!, 'base64'), ln, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;

/** A hash of a random password, verified against when a username is unknown so timing does not tell. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

/** Passwords: 12–256 characters (NIST SP 800-63B: at least 8, allow long passphrases). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'password: at least 12 characters';
  if (password.length > 256) return 'password: at most 256 characters';
  return undefined;
}

/** A random password for accounts created without one: 24 base64url characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

import { compressSync, uncompressSync } from 'lz4-napi';
import { Packr } from 'msgpackr';
import type { z } from 'zod';

/**
 * Binary codec for internal topics: MessagePack (msgpackr) then LZ4 block compression (lz4-napi).
 * Raw pixel and PCM buffers travel as MessagePack `bin` without base64 inflation.
 * Kafka headers name the format so a consumer can refuse what it cannot read.
 */
export const INTERNAL_CONTENT_TYPE = 'application/msgpack+lz4';
export const CONTENT_TYPE_HEADER = 'content-type';
export const SCHEMA_HEADER = 'vigil-schema';

/** Largest decompressed message accepted, bytes; guards against a forged size prefix. */
export const MAX_DECODED_BYTES = 256 * 1024 * 1024;

const packr = new Packr({ useRecords: false, moreTypes: false, int64AsType: 'number' });

/** Thrown when bytes are not a valid message of the expected schema. Its `code` goes in the DLQ headers. */
export class MessageDecodeError extends Error {
  readonly code = 'MESSAGE_UNDECODABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MessageDecodeError';
  }
}

/** Serialises a message: MessagePack → LZ4. No validation (the producer built it from typed code). */
export function encodeInternal(message: unknown): Buffer {
  return compressSync(packr.pack(message));
}

/**
 * Decompresses, unpacks and validates a message against `schema`.
 * @throws MessageDecodeError when decompression, unpacking or validation fails.
 */
export function decodeInternal<S extends z.ZodType>(schema: S, bytes: Buffer | Uint8Array): z.infer<S> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // lz4-napi's block format starts with the uncompressed size (u32 LE); check it before allocating.
  if (buffer.length < 4 || buffer.readUInt32LE(0) > MAX_DECODED_BYTES) {
    throw new MessageDecodeError('not a msgpack+lz4 message: missing or implausible size prefix');
  }
  let value: unknown;
  try {
    value = packr.unpack(uncompressSync(buffer));
  } catch (error) {
    throw new MessageDecodeError(`not a msgpack+lz4 message: ${(error as Error).message}`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new MessageDecodeError(`schema: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** Kafka headers for an internal message of schema `name` (e.g. `inference-request.v1`). */
export function internalHeaders(name: string, traceparent?: string): Record<string, string> {
  return {
    [CONTENT_TYPE_HEADER]: INTERNAL_CONTENT_TYPE,
    [SCHEMA_HEADER]: name,
    ...(traceparent ? { traceparent } : {}),
  };
}

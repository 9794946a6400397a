import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SentenceEncoder, normalizeText } from '@vigil/model';

/** Texts per encoder run (sorted by length first, so a batch pads little). */
const BATCH = 64;

/**
 * Sentence embeddings of training and evaluation texts, exactly as serving computes them: the bundle's
 * `text` expert encoder (all-MiniLM-L6-v2, `[384]` float32 unit vectors) over `normalizeText` of the raw
 * text with the encoder's vocabulary (what `TextExpert.analyze` embeds). Cached on disk per text
 * (SHA-1 of encoder file ‖ text → vector) in `cacheDir/<encoder sha>.bin`, so a retrain embeds only new texts.
 * @param bundleDir a built bundle holding `text/encoder.onnx` and `text/tokenizer.json`.
 * @returns raw text → embedding, for every distinct text given.
 * @throws Error from onnxruntime when the encoder cannot be loaded.
 */
export async function embedTexts(
  texts: readonly string[],
  bundleDir: string,
  cacheDir: string,
  log: (message: string) => void = () => {},
): Promise<Map<string, Float32Array>> {
  const modelFile = join(bundleDir, 'text/encoder.onnx');
  const encoderSha = createHash('sha256').update(readFileSync(modelFile)).digest('hex').slice(0, 16);
  const cacheFile = join(cacheDir, `${encoderSha}.bin`);
  const dim = 384;
  const record = 20 + dim * 4;
  const cache = new Map<string, Float32Array>();
  if (existsSync(cacheFile)) {
    const buf = readFileSync(cacheFile);
    for (let o = 0; o + record <= buf.length; o += record)
      cache.set(
        buf.subarray(o, o + 20).toString('hex'),
        new Float32Array(buf.buffer.slice(buf.byteOffset + o + 20, buf.byteOffset + o + record)),
      );
  }
  const key = (t: string) => createHash('sha1').update(t).digest('hex');
  const distinct = [...new Set(texts)];
  const missing = distinct.filter((t) => !cache.has(key(t)));
  if (missing.length > 0) {
    const encoder = await SentenceEncoder.load(modelFile, join(bundleDir, 'text/tokenizer.json'), dim, {
      provider: 'cpu',
    });
    const normalized = missing.map((t) => ({
      t,
      n: normalizeText(t, (w) => encoder.tokenizer.vocab.has(w)).text,
    }));
    normalized.sort((a, b) => a.n.length - b.n.length);
    const started = Date.now();
    const fresh: Buffer[] = [];
    for (let i = 0; i < normalized.length; i += BATCH) {
      const batch = normalized.slice(i, i + BATCH);
      const out = await encoder.encode(batch.map((b) => b.n));
      batch.forEach((b, j) => {
        cache.set(key(b.t), out[j]!);
        fresh.push(Buffer.from(key(b.t), 'hex'), Buffer.from(out[j]!.buffer.slice(0)));
      });
      if ((i / BATCH) % 100 === 0) log(`embed: ${i + batch.length}/${normalized.length} texts`);
    }
    log(`embed: ${missing.length} new texts in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    mkdirSync(cacheDir, { recursive: true });
    const old = existsSync(cacheFile) ? readFileSync(cacheFile) : Buffer.alloc(0);
    writeFileSync(cacheFile, Buffer.concat([old, ...fresh]));
  }
  return new Map(distinct.map((t) => [t, cache.get(key(t))!]));
}

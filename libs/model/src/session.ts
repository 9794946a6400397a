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
}

/**
 * Creates an onnxruntime-node inference session for one ONNX file with Vigil's defaults
 * (all graph optimisations, sequential execution, explicit thread counts).
 * @throws Error from onnxruntime when the file is missing or invalid, or the provider cannot load
 *   (onnxruntime-node throws rather than falling back; see ../../../shared/reference/onnxruntime-and-weights.md).
 */
export async function createSession(file: string, options: SessionOptions): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(file, {
    executionProviders: [options.provider],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: options.intraOpThreads ?? availableParallelism(),
    interOpNumThreads: options.interOpThreads ?? 1,
  });
}

export { ort };

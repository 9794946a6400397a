import { createSession, ort, type ProviderChoice } from '@vigil/model';

/**
 * The onnxruntime execution provider a worker runs its experts on, decided once at start-up.
 * onnxruntime-node does not fall back by itself: a session asked for `['cuda', 'cpu']` throws when the
 * CUDA provider library cannot load (onnxruntime-node 1.x), so the fallback
 * is explicit here and its reason is kept for the logs, `/readyz` and metrics.
 */
export interface ResolvedProvider {
  /** What `VIGIL_EXECUTION_PROVIDER` asked for. */
  readonly requested: ProviderChoice;
  /** What every session of this process uses. */
  readonly provider: 'cpu' | 'cuda';
  /** Why `auto` runs on the CPU: the CUDA provider's error, with a hint. */
  readonly fallbackReason?: string;
}

/** `VIGIL_EXECUTION_PROVIDER=cuda` on a host where the CUDA provider cannot run; the message names the cause. */
export class ExecutionProviderError extends Error {
  readonly code = 'EXECUTION_PROVIDER_UNAVAILABLE';
  constructor(readonly reason: string) {
    super(`the CUDA execution provider cannot be used: ${reason}`);
    this.name = 'ExecutionProviderError';
  }
}

/** The install command for onnxruntime-node's CUDA 12 provider libraries (README, GPU workers). */
export const CUDA_INSTALL_HINT =
  'install the CUDA build of onnxruntime-node: ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js';

/**
 * Tries to create a CUDA session for `probeModel` (any small ONNX file of the bundle) and releases it.
 * @returns undefined when CUDA works, else why not: onnxruntime's error, plus the install hint when
 *   the provider library itself is missing (onnxruntime-node ships the CPU build only;
 *   `ort.listSupportedBackends()` lists cuda as not bundled).
 */
export async function cudaUnavailableReason(probeModel: string): Promise<string | undefined> {
  try {
    const session = await createSession(probeModel, { provider: 'cuda', intraOpThreads: 1 });
    await session.release();
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const cuda = ort.listSupportedBackends().find((b) => b.name === 'cuda');
    const missingLibrary = /shared library|cannot open shared object|LoadLibrary/i.test(message);
    if (missingLibrary)
      return `${message} (the CUDA provider library is not installed${cuda?.bundled === false ? '; this onnxruntime-node build does not bundle it' : ''}: ${CUDA_INSTALL_HINT})`;
    return message;
  }
}

/**
 * Resolves `VIGIL_EXECUTION_PROVIDER`: `cpu` as is; `cuda` only when a CUDA session can be created;
 * `auto` tries CUDA once and falls back to the CPU with the reason.
 * @param probeModel an ONNX file to try the CUDA provider on.
 * @throws ExecutionProviderError when `cuda` was requested and cannot be used.
 */
export async function resolveExecutionProvider(
  requested: ProviderChoice,
  probeModel: string,
): Promise<ResolvedProvider> {
  if (requested === 'cpu') return { requested, provider: 'cpu' };
  const reason = await cudaUnavailableReason(probeModel);
  if (reason === undefined) return { requested, provider: 'cuda' };
  if (requested === 'cuda') throw new ExecutionProviderError(reason);
  return { requested, provider: 'cpu', fallbackReason: reason };
}

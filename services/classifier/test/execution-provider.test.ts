import { describe, expect, it } from 'vitest';
import { probeModelOf } from '../src/classifier-runtime';
import {
  cudaUnavailableReason,
  ExecutionProviderError,
  resolveExecutionProvider,
} from '../src/execution-provider';
import { BUNDLE_DIR } from './support';

const probe = probeModelOf(BUNDLE_DIR);

describe('execution provider (real onnxruntime-node, CPU build)', () => {
  it('cpu: uses the CPU without trying CUDA', async () => {
    expect(await resolveExecutionProvider('cpu', '/nonexistent.onnx')).toEqual({
      requested: 'cpu',
      provider: 'cpu',
    });
  });

  it('auto: tries CUDA once and falls back to the CPU with the reason and the install hint', async () => {
    const reason = await cudaUnavailableReason(probe);
    const resolved = await resolveExecutionProvider('auto', probe);
    if (reason === undefined) {
      expect(resolved).toEqual({ requested: 'auto', provider: 'cuda' }); // a host with the CUDA build
      return;
    }
    expect(resolved.provider).toBe('cpu');
    expect(resolved.fallbackReason).toBe(reason);
    // onnxruntime-node's CPU build: the provider library is missing, and the hint says how to install it.
    expect(reason).toMatch(/Failed to load shared library/);
    expect(reason).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12');
  });

  it('cuda: refuses to start on a machine where the CUDA provider cannot load, naming the cause', async () => {
    const reason = await cudaUnavailableReason(probe);
    if (reason === undefined) return; // a host with the CUDA build: nothing to refuse
    const error = await resolveExecutionProvider('cuda', probe).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionProviderError);
    expect((error as ExecutionProviderError).code).toBe('EXECUTION_PROVIDER_UNAVAILABLE');
    expect((error as Error).message).toBe(`the CUDA execution provider cannot be used: ${reason}`);
  });
});

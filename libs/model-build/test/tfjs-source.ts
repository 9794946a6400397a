/**
 * The source models in TensorFlow.js (WASM backend), for the parity test and the bench only:
 * TensorFlow.js is a devDependency and never part of the runtime.
 */
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import * as tfl from '@tensorflow/tfjs-layers';
import { tarballCacheDir, type TfjsModelJson } from '../src';
import { loadNsfwjsMobileNetV2 } from '../src/experts/nsfw';
import { loadNanodet } from '../src/experts/objects';
import { HUMAN_MODELS, NSFWJS } from '../src/experts/sources';

/** Repository root and the folders `npm run models:build` writes. */
export const ROOT = join(__dirname, '..', '..', '..');
export const BUNDLE_DIR = process.env.VIGIL_BUNDLE_DIR ?? join(ROOT, '.models/vigil-base');
export const CACHE_DIR = process.env.VIGIL_MODEL_CACHE ?? join(ROOT, '.models/.cache');

/** Switches TensorFlow.js to its WASM backend (binaries from the installed package). */
export async function useTfjsWasm(): Promise<void> {
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  await tf.setBackend('wasm');
  await tf.ready();
}

function fromMemory(json: TfjsModelJson, weights: Uint8Array) {
  return tf.io.fromMemory({
    modelTopology: json.modelTopology as never,
    weightSpecs: json.weightsManifest.flatMap((m) => m.weights) as never,
    weightData: weights.buffer.slice(
      weights.byteOffset,
      weights.byteOffset + weights.byteLength,
    ) as ArrayBuffer,
  });
}

/** nsfwjs MobileNetV2 as nsfwjs runs it, from the build's source cache. */
export async function tfjsNsfw(): Promise<tfl.LayersModel> {
  const { json, weights } = loadNsfwjsMobileNetV2(tarballCacheDir(NSFWJS, CACHE_DIR));
  return tfl.loadLayersModel(fromMemory(json, weights));
}

/** human's NanoDet graph model, from the build's source cache. */
export async function tfjsNanodet(): Promise<GraphModel> {
  const { json, weights } = loadNanodet(tarballCacheDir(HUMAN_MODELS, CACHE_DIR));
  return loadGraphModel(fromMemory(json, weights));
}

import { join } from 'node:path';
import { readBundleManifest, type BundleManifest, type ExpertEntry } from '@vigil/contracts';
import { createSession, type ort, type SessionOptions } from './session';

/** Thrown when a manifest lacks an expert, a file role or a parameter a runner needs. */
export class ExpertConfigError extends Error {
  readonly code = 'BUNDLE_UNAVAILABLE';
  constructor(expert: string, message: string) {
    super(`expert "${expert}": ${message}`);
    this.name = 'ExpertConfigError';
  }
}

/** The manifest entry named `name`. @throws ExpertConfigError when the bundle has no such expert. */
export function expertEntry(manifest: BundleManifest, name: string): ExpertEntry {
  const entry = manifest.experts.find((e) => e.name === name);
  if (!entry) throw new ExpertConfigError(name, `not in bundle ${manifest.name}@${manifest.version}`);
  return entry;
}

/** Reads a bundle's manifest and returns the entry of one expert. @throws BundleManifestError, ExpertConfigError. */
export function loadExpertEntry(bundleDir: string, name: string): ExpertEntry {
  return expertEntry(readBundleManifest(bundleDir), name);
}

/** Creates the onnxruntime session for the file the entry lists under `role`. */
export async function sessionFor(
  entry: ExpertEntry,
  role: string,
  bundleDir: string,
  options: SessionOptions,
): Promise<ort.InferenceSession> {
  const file = entry.files[role];
  if (!file) throw new ExpertConfigError(entry.name, `no file with role "${role}"`);
  return createSession(join(bundleDir, file), options);
}

/** A runner parameter, checked for its type. @throws ExpertConfigError when missing or of another type. */
export function param<T>(entry: ExpertEntry, path: string, check: (v: unknown) => v is T): T {
  let v: unknown = entry.params;
  for (const part of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  if (!check(v)) throw new ExpertConfigError(entry.name, `parameter ${path} is missing or invalid`);
  return v;
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');
export const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);
export const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof s === 'string');

/** Labels of the output named `output`. @throws ExpertConfigError when it has none. */
export function outputLabels(entry: ExpertEntry, output: string): string[] {
  const labels = entry.outputs.find((o) => o.name === output)?.labels;
  if (!labels) throw new ExpertConfigError(entry.name, `output ${output} has no labels`);
  return labels;
}

/** Every onnxruntime session a runner holds, for release on shutdown. */
export interface ExpertRunner {
  readonly entry: ExpertEntry;
  release(): Promise<void>;
}

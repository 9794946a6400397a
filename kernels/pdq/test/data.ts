import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

/** The repository root (kernels/pdq/test → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** PDQ reference vectors, `../shared/data/pdq` from the repo root (see its MANIFEST.md and FACTS.md). */
export const PDQ_DATA = join(REPO_ROOT, '..', 'shared', 'data', 'pdq');
/** Real photos extracted by infra/data/photos.sh (Debian python3-skimage). */
export const PHOTOS = join(REPO_ROOT, '.data', 'photos');

export const readData = (file: string): Buffer => readFileSync(join(PDQ_DATA, file));

/** Rows of a CSV file under PDQ_DATA, header row dropped. */
export function csvRows(file: string): string[][] {
  return readFileSync(join(PDQ_DATA, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
}

/** The stored pixel grid as sharp decodes it with no colour transform: `[h, w, c]` uint8. */
export async function rawPixels(
  input: Buffer,
): Promise<{ data: Uint8Array; width: number; height: number; channels: 1 | 2 | 3 | 4 }> {
  const { data, info } = await sharp(input).keepIccProfile().raw().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data),
    width: info.width,
    height: info.height,
    channels: info.channels as 1 | 2 | 3 | 4,
  };
}

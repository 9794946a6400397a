import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

/** The repository root (kernels/pdq/test → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** The committed PDQ/vPDQ reference fixtures (Meta ThreatExchange; fixtures/SOURCE.md, fixtures/LICENSE). */
export const PDQ_FIXTURES = join(__dirname, 'fixtures');

/**
 * Where the reference vectors are read from: the committed fixtures, or the full corpus laid out the same
 * way when `VIGIL_PDQ_REFERENCE` names it (`npm run test:reference`).
 * @throws Error when `VIGIL_PDQ_REFERENCE` names a folder without `expected.csv`.
 */
export const PDQ_DATA = referenceData(process.env.VIGIL_PDQ_REFERENCE);

function referenceData(dir: string | undefined): string {
  if (!dir) return PDQ_FIXTURES;
  if (!existsSync(join(dir, 'expected.csv')))
    throw new Error(`VIGIL_PDQ_REFERENCE=${dir} has no expected.csv: point it at the PDQ reference corpus`);
  return resolve(dir);
}

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

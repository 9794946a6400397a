import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test and evaluation helper (not for services): 16 kHz mono s16le PCM of `text` spoken by espeak-ng
 * (voice `en`, default speed), resampled by ffmpeg, the format ingest hands to the audio expert.
 * @throws Error when espeak-ng or ffmpeg is not installed (.ci/run installs both).
 */
export function speechPcm(text: string): Uint8Array<ArrayBuffer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-speech-'));
  try {
    execFileSync('espeak-ng', ['-v', 'en', '-w', join(dir, 's.wav'), text]);
    execFileSync('ffmpeg', [
      '-loglevel', 'error', '-y', '-i', join(dir, 's.wav'), '-ar', '16000', '-ac', '1', '-f', 's16le', join(dir, 's.pcm'),
    ]); // prettier-ignore
    return new Uint8Array(readFileSync(join(dir, 's.pcm')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { locateExecutable } from '@vigil/media';
import { ConfigError, type ConfigIssue } from '@vigil/platform';
import type { IngestConfig } from './config';

/**
 * Checks at boot that `FFMPEG_PATH` and `FFPROBE_PATH` name executable files (a path, or a name found on
 * `PATH`), so a wrong one stops the process with its name (status 78) instead of failing every video
 * and audio medium later (MEDIA_INTERNAL).
 * @throws ConfigError naming each variable whose binary is not there.
 */
export async function checkAvBinaries(
  config: Pick<IngestConfig, 'FFMPEG_PATH' | 'FFPROBE_PATH'>,
  searchPath?: string,
): Promise<void> {
  const issues: ConfigIssue[] = [];
  for (const variable of ['FFMPEG_PATH', 'FFPROBE_PATH'] as const) {
    if (!(await locateExecutable(config[variable], searchPath)))
      issues.push({
        variable,
        message: `no executable file ${config[variable]} (a path, or a name on PATH)`,
      });
  }
  if (issues.length > 0) throw new ConfigError(issues);
}

import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join, resolve, sep } from 'node:path';

/**
 * The executable file `command` names: `command` itself (resolved) when it holds a path separator, else
 * the first executable match in the directories of `searchPath` (the process's `PATH`), as a shell would
 * find it. Used to check ffmpeg before fluent-ffmpeg spawns it (fluent-ffmpeg throws an uncaught
 * TypeError, out of any promise, when told to run a binary that is not there) and ingest's
 * `FFMPEG_PATH` / `FFPROBE_PATH` at boot.
 * @returns the path, or undefined when no executable file answers to `command`.
 */
export async function locateExecutable(
  command: string,
  searchPath: string = process.env.PATH ?? '',
): Promise<string | undefined> {
  if (command === '') return undefined;
  const candidates =
    command.includes(sep) || command.includes('/')
      ? [resolve(command)]
      : searchPath
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there, or not executable: the next one
    }
  }
  return undefined;
}

/**
 * Who spends the cores: CPU time per process of the benchmark's pipeline, read from /proc (Linux only;
 * elsewhere every figure is 0). A process's figure is its own user + system time plus that of the children
 * it has reaped (proc(5) `utime`, `stime`, `cutime`, `cstime`), so ingest's includes ffmpeg and ffprobe and
 * the classifier's the Tesseract processes. PostgreSQL is every `postgres` process (backends that exit are
 * reaped by the postmaster); the broker is the JVM running `kafka.Kafka`. Both are shared with whatever
 * else runs on the machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`; 100 on Linux x86-64 and arm64). */
const CLOCK_TICKS_PER_S = 100;

/** CPU ms (self + reaped children) of process `pid`; 0 when it is gone or /proc is missing. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in its parentheses; utime is field 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** Pids whose command line matches `test` (scans /proc). */
function pidsWhere(test: (cmdline: string) => boolean): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries
    .filter((pid) => {
      try {
        return test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** CPU ms per process group at one moment (cumulative since each process started). */
export type CpuSample = Record<string, number>;

/**
 * Samples the CPU time of each named service process, the Kafka broker, PostgreSQL and this process (the
 * benchmark with its platform stand-in: publisher, media server, webhook receiver).
 */
export function sampleCpu(services: Record<string, number | undefined>): CpuSample {
  const usage = process.cpuUsage();
  return {
    ...Object.fromEntries(Object.entries(services).map(([name, pid]) => [name, processCpuMs(pid)])),
    'Kafka broker': pidsWhere((c) => c.includes('kafka.Kafka')).reduce((s, p) => s + processCpuMs(p), 0),
    PostgreSQL: pidsWhere((c) => /(^|\/)postgres[: ]/.test(c)).reduce((s, p) => s + processCpuMs(p), 0),
    'bench + platform stand-in': (usage.user + usage.system) / 1000,
  };
}

/** CPU ms per post between two samples, per group and in total (`all`). */
export function cpuMsPerPost(before: CpuSample, after: CpuSample, posts: number): Record<string, number> {
  const per = Object.fromEntries(
    Object.keys(after).map((k) => [k, Math.max(0, (after[k]! - (before[k] ?? 0)) / posts)]),
  );
  return { ...per, all: Object.values(per).reduce((a, b) => a + b, 0) };
}

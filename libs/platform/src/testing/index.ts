/**
 * Running Vigil's services as operating-system processes, for tests, the demo and benchmarks: one
 * implementation of spawning a built entry point, waiting for `GET /readyz`, signals, peak memory, free
 * ports and polling. infra/stack/pipeline.ts builds the whole pipeline on it; service tests start a
 * single process with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/**
 * Calls `check` every `intervalMs` until it returns a truthy value, and returns that value; a check that
 * throws counts as not yet.
 * @throws Error `timed out waiting for <what>` after `timeoutMs`.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Thrown when a service process exits or stays unready while starting; `log` is the end of its log. */
export class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    reason: string,
    readonly log: string,
  ) {
    super(`${service} ${reason}; end of its log:\n${log}`);
    this.name = 'ServiceStartError';
  }
}

/** Where and how one service process runs. */
export interface ServiceProcessOptions<Name extends string = string> {
  /** The service's name (errors, logs). */
  readonly name: Name;
  /** Absolute path of the built entry point (`services/<name>/dist/main.js`). */
  readonly entry: string;
  /** Working directory of the process (the repository root). */
  readonly cwd: string;
  /** HTTP_PORT of the process (HTTP_HOST is 127.0.0.1). */
  readonly port: number;
  /** The environment over the parent's (its documented variables). */
  readonly env: Record<string, string>;
  /** File its stdout and stderr are appended to. */
  readonly logFile: string;
}

/** One service process (node running a built entry point): start, readiness, signals, peak memory. */
export class ServiceProcess<Name extends string = string> {
  readonly name: Name;
  readonly port: number;
  private readonly entry: string;
  private readonly cwd: string;
  private readonly logFile: string;
  private env: Record<string, string>;
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  /** Largest VmHWM (peak resident set, KiB) seen across this service's processes (restarts included). */
  private peakKiB = 0;

  constructor(options: ServiceProcessOptions<Name>) {
    this.name = options.name;
    this.port = options.port;
    this.entry = options.entry;
    this.cwd = options.cwd;
    this.logFile = options.logFile;
    this.env = options.env;
  }

  /** The environment this process starts with (its documented variables only). */
  get environment(): Readonly<Record<string, string>> {
    return this.env;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether the process runs now. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Spawns the process (with `extraEnv` merged into its environment for this and later starts) without
   * waiting for it to be ready.
   * @throws ServiceStartError when the entry point is not built; Error when it runs already.
   */
  spawn(extraEnv: Record<string, string> = {}): void {
    if (this.running) throw new Error(`${this.name} already runs`);
    this.env = { ...this.env, ...extraEnv };
    if (!existsSync(this.entry))
      throw new ServiceStartError(this.name, `is not built (${this.entry}; npm run build)`, '');
    const log = createWriteStream(this.logFile, { flags: 'a' });
    // VIGIL_PROFILE_DIR: each service writes V8's sampling profile there (`node --prof-process <file>`).
    const profile = process.env.VIGIL_PROFILE_DIR;
    const profiling = profile
      ? ['--prof', `--logfile=${join(profile, `${this.name}-%p.log`)}`, '--no-logfile-per-isolate']
      : [];
    const child = spawn(process.execPath, [...profiling, this.entry], {
      cwd: this.cwd,
      env: { ...process.env, ...this.env, HTTP_PORT: String(this.port), HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    this.child = child;
    // Ended once the process exited and all of its output is in the log file.
    this.exited = new Promise((r) => child.once('close', (code) => log.end(() => r(code))));
  }

  /**
   * Starts the process (see `spawn`) and waits until `/readyz` answers 200.
   * @throws ServiceStartError when it exits first or is not ready within `timeoutMs`.
   */
  async start(extraEnv: Record<string, string> = {}, timeoutMs = 120_000): Promise<void> {
    this.spawn(extraEnv);
    const child = this.child!;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new ServiceStartError(this.name, `exited (${child.exitCode})`, this.logTail());
      const ok = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      if (Date.now() > deadline) throw new ServiceStartError(this.name, 'not ready in time', this.logTail());
      this.samplePeak();
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /**
   * Resolves with the exit code once the last started process has ended and its output is in the log
   * (null: ended by a signal).
   */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** Sends `signal` (SIGKILL: a crash, no shutdown hooks) and waits for the process to end. */
  async kill(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.samplePeak();
    this.child!.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /**
   * Peak resident memory of this service in MiB: the largest VmHWM read from /proc while it ran
   * (read again now when running). 0 where /proc is missing.
   */
  peakRssMiB(): number {
    this.samplePeak();
    return this.peakKiB / 1024;
  }

  /** Reads VmHWM (peak RSS) of the running process into `peakKiB`. */
  samplePeak(): void {
    this.peakKiB = Math.max(this.peakKiB, this.processPeakRssMiB() * 1024);
  }

  /** Peak resident memory (VmHWM) of the process running now, MiB; 0 when none runs or /proc is missing. */
  processPeakRssMiB(): number {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return 0;
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0; // The process ended between the check and the read.
    }
  }

  /** The last `lines` lines of the log file. */
  logTail(lines = 30): string {
    return this.log().trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** The whole log file ('' when there is none yet). */
  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}

/**
 * Servers a fault test may stop and start without touching anyone else's: a Kafka broker
 * (infra/kafka/start.sh on ports and a run folder of its own) and a PostgreSQL cluster (initdb + pg_ctl
 * from the installed server, in a temporary folder, on a port of its own).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@vigil/platform/testing';

const ROOT = join(__dirname, '..', '..');

/** A KRaft broker of this test's own, restartable with its data kept. */
export class PrivateBroker {
  private constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  /** Its credentials file (SASL principals, infra/kafka/start.sh). */
  get credentialsFile(): string {
    return join(this.env.VIGIL_KAFKA_RUN_DIR!, 'credentials.env');
  }

  /** `host:port` to bootstrap from. */
  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts a broker in `runDir` on free ports and waits until it answers. */
  static async start(runDir: string): Promise<PrivateBroker> {
    const port = await freePort();
    const controller = await freePort();
    const broker = new PrivateBroker(
      {
        VIGIL_KAFKA_PORT: String(port),
        VIGIL_KAFKA_CONTROLLER_PORT: String(controller),
        VIGIL_KAFKA_RUN_DIR: runDir,
        VIGIL_KAFKA_HEAP: '384m',
      },
      port,
    );
    broker.run('start.sh');
    return broker;
  }

  /** Starts the stopped broker again (same ports and data); resolves once it answers. */
  startAgain(): void {
    this.run('start.sh');
  }

  /** Stops the broker (SIGTERM, then SIGKILL after 20 s); `clean` deletes its data too. */
  stop(clean = false): void {
    this.run('stop.sh', clean ? ['--clean'] : []);
  }

  private run(script: string, args: string[] = []): void {
    execFileSync('bash', [join(ROOT, 'infra', 'kafka', script), ...args], {
      env: { ...process.env, ...this.env },
      stdio: 'pipe',
    });
  }
}

/** The newest installed PostgreSQL server's bin folder (Debian layout). */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => join(base, v, 'bin')).find((b) => existsSync(join(b, 'pg_ctl')));
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin');
  return bin;
}

/** A PostgreSQL cluster of this test's own (trust auth, user postgres), restartable. */
export class PrivatePostgres {
  private readonly bin = postgresBin();
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Creates a cluster in `dir` (initdb) and starts it. */
  static async start(dir: string): Promise<PrivatePostgres> {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pg = new PrivatePostgres(dir, await freePort());
    if (process.getuid?.() === 0) chownSync(dir, ...pg.postgresIds());
    pg.run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync']);
    pg.ctl('start');
    return pg;
  }

  /** Restarts the server (fast shutdown: open connections are cut, as in a failover). */
  restart(): void {
    this.ctl('restart');
  }

  /** Stops the server and deletes the cluster. */
  destroy(): void {
    try {
      this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private ctl(action: 'start' | 'restart'): void {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`;
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'server.log'),
      '-m',
      'fast',
      '-w',
      '-o',
      options,
      action,
    ]);
  }

  private postgresIds(): [number, number] {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return [uid, gid];
  }

  /** Runs a server binary, as the `postgres` user when this process is root (initdb refuses root). */
  private run(tool: string, args: string[]): void {
    const path = join(this.bin, tool);
    if (process.getuid?.() === 0)
      execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe' });
    else execFileSync(path, args, { stdio: 'pipe' });
  }
}

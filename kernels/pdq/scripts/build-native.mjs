// Builds the PDQ addon (build/Release/vigil_pdq.node) with node-gyp against the Node headers installed
// beside the running node (e.g. /usr/include/node), so nothing is downloaded. npm puts its bundled
// node-gyp on PATH for lifecycle and run scripts.
// --optional (the install script): a failed build warns and exits 0; @vigil/pdq then runs on its
// TypeScript implementation and says so once at start-up. Without it (npm run build:native, CI) a
// failed build exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const optional = process.argv.includes('--optional');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = ['rebuild'];
const nodedir = resolve(process.execPath, '..', '..');
if (existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodedir}`);
const r = spawnSync('node-gyp', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (r.status === 0) {
  console.log(`@vigil/pdq: native addon built (${join(root, 'build', 'Release', 'vigil_pdq.node')})`);
  process.exit(0);
}
const why = r.error ? r.error.message : `node-gyp exited with ${r.status}`;
if (optional) {
  console.warn(`@vigil/pdq: native addon NOT built (${why}); the TypeScript implementation will be used`);
  process.exit(0);
}
console.error(`@vigil/pdq: native addon build failed (${why})`);
process.exit(1);

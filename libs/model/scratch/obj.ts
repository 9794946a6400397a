import { readBundleManifest } from '@vigil/contracts';
import { expertEntry, ObjectsRunner, NsfwRunner } from '../src';
import { BUNDLE_DIR, PHOTOS_DIR, frameFrom } from '../test/frames';
async function main() {
  const m = readBundleManifest(BUNDLE_DIR);
  const e = expertEntry(m, 'objects');
  if (process.env.FIT) (e.preprocess as any).resize = { fit: process.env.FIT, width: 416, height: 416, background: [0,0,0] };
  if (process.env.NORM === 'bgr') { (e.preprocess as any).channel_order='BGR'; (e.preprocess as any).scale=1; (e.preprocess as any).mean=[103.53,116.28,123.675]; (e.preprocess as any).std=[57.375,57.12,58.395]; }
  const r = await ObjectsRunner.create(e, BUNDLE_DIR, { provider: 'cpu' });
  const n = await NsfwRunner.create(expertEntry(m,'nsfw'), BUNDLE_DIR, { provider: 'cpu' });
  for (const p of ['astronaut.png','chelsea.png','coffee.png','motorcycle_left.png','rocket.jpg','camera.png','horse.png','page.png']) {
    const f = await frameFrom(`${PHOTOS_DIR}/${p}`, [e.preprocess!.resize, expertEntry(m,'nsfw').preprocess!.resize]);
    const [d] = await r.run([f], { scoreThreshold: 0.3 });
    const [ns] = await n.run([f]);
    console.log(p, f.width, f.height, d!.map(x => `${x.label}:${x.score.toFixed(2)}@${x.box.map(Math.round).join(',')}`).join(' | '), ' nsfw', ns!.top, ns!.drawing.toFixed(2));
  }
}
main();

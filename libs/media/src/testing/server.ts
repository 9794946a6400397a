import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MediaServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Requests served so far, by path (redirect hops and retries included). */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
};

/**
 * A local HTTP server for media tests (127.0.0.1, random port). Routes:
 * - `/media/<name>`: the file, with the Content-Type its extension claims (it may lie).
 * - `/slow/<ms>/<name>`: the same after a delay.
 * - `/hang`: accepts the request and never answers.
 * - `/forever`: 200, then streams 64 KiB chunks until the client goes away.
 * - `/declares-huge`: Content-Length 10 GiB, then a few bytes.
 * - `/status/<code>`: that status, empty body.
 * - `/redirect/<n>/<name>`: n redirect hops, then `/media/<name>`.
 * - `/loop`: redirects to itself.
 * - `/to?url=<target>`: a 302 to any URL (e.g. the cloud metadata address).
 */
export async function startMediaServer(files: Readonly<Record<string, Buffer>>): Promise<MediaServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const sendFile = (res: ServerResponse, name: string) => {
    const body = files[name];
    if (!body) return void res.writeHead(404).end();
    const ext = name.split('.').pop() ?? '';
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-length': body.length,
    });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const parts = path.split('/').filter(Boolean);
    switch (parts[0]) {
      case 'media':
        return sendFile(res, parts.slice(1).join('/'));
      case 'slow': {
        const timer = setTimeout(() => sendFile(res, parts.slice(2).join('/')), Number(parts[1]));
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'hang':
        return;
      case 'forever': {
        res.writeHead(200, { 'content-type': 'video/mp4' });
        const chunk = Buffer.alloc(64 * 1024, 7);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        return pump();
      }
      case 'declares-huge':
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(10 * 1024 ** 3) });
        return void res.write(Buffer.alloc(1024));
      case 'status':
        return void res.writeHead(Number(parts[1])).end();
      case 'redirect': {
        const n = Number(parts[1]);
        const rest = parts.slice(2).join('/');
        const location = n > 1 ? `/redirect/${n - 1}/${rest}` : `/media/${rest}`;
        return void res.writeHead(302, { location }).end();
      }
      case 'loop':
        return void res.writeHead(302, { location: '/loop' }).end();
      case 'to':
        return void res.writeHead(302, { location: url.searchParams.get('url') ?? '/' }).end();
      default:
        return void res.writeHead(404).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a `sanity build` output as Sanity's hosting does: files as they are (hashed bundles
 * under `/static/` cached for good), every other path answered with `index.html` so the Studio's
 * own router handles it (`/structure/event;…`). A file missing under `/static/` is a 404, not
 * the page.
 */
export async function startStudioServer(options: { port: number; directory: string }): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      } catch {
        response.writeHead(400).end();
        return;
      }
      const file = join(options.directory, normalize(pathname));
      const inside = file.startsWith(options.directory + sep);
      const found = inside && (await stat(file).catch(() => undefined))?.isFile();
      if (!found && pathname.startsWith('/static/')) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const served = found ? file : join(options.directory, 'index.html');
      const hashed = found && pathname.startsWith('/static/') && /-[\w-]{8,}\.\w+$/.test(pathname);
      response.writeHead(200, {
        'content-type': contentTypes[extname(served)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      if (request.method === 'HEAD') response.end();
      else
        createReadStream(served)
          .on('error', () => response.destroy())
          .pipe(response);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return server;
}

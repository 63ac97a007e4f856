import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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
 * the page. `headEnd` is inserted into that page before `</head>`.
 */
export async function startStudioServer(options: {
  port: number;
  directory: string;
  headEnd?: string | undefined;
}): Promise<Server> {
  const index = join(options.directory, 'index.html');
  const page = (await readFile(index, 'utf8')).replace('</head>', `${options.headEnd ?? ''}</head>`);
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
      const served = found && file !== index ? file : undefined;
      const hashed = found && pathname.startsWith('/static/') && /-[\w-]{8,}\.\w+$/.test(pathname);
      response.writeHead(200, {
        'content-type': contentTypes[extname(served ?? index)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      if (request.method === 'HEAD') response.end();
      else if (!served) response.end(page);
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

/**
 * A script for the Studio's page: when the browser cannot reach the stand-in's HTTPS endpoint
 * (its certificate not trusted yet, most often), it says so in French above Sanity's English
 * "Network error", with what to do.
 */
export function unreachableApiNotice(options: {
  apiHost: string;
  projectHost: string;
  certificateFile: string;
}): string {
  const values = JSON.stringify(options).replaceAll('<', '\\u003c');
  return `<script>
(function (o) {
  fetch(o.apiHost + '/v2025-02-19/users/me', { credentials: 'include' }).catch(function () {
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.id = 'essaim-local-api-unreachable';
    box.style.cssText = 'position:fixed;z-index:2147483647;top:0;left:0;right:0;padding:16px 24px;background:#fff4e5;color:#3b2500;border-bottom:2px solid #c77700;font:15px/1.5 system-ui,sans-serif';
    box.innerHTML = '<strong>Le Studio local n’atteint pas son API.</strong> Votre navigateur ne fait sans doute pas encore confiance au certificat du serveur local : faites-lui confiance une fois (README, « The local Studio ») avec le fichier <code></code>, ou ouvrez <a target="_blank"></a> et <a target="_blank"></a>, acceptez l’avertissement, puis rechargez cette page.';
    box.querySelector('code').textContent = o.certificateFile;
    var links = box.querySelectorAll('a');
    links[0].href = links[0].textContent = o.apiHost + '/v1/ping';
    links[1].href = links[1].textContent = o.projectHost + '/v1/ping';
    document.body.appendChild(box);
  });
})(${values});
</script>`;
}

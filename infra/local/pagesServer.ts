import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { buildWebSync, type WebBuild } from '../../web/build/buildWeb.ts';
import { cacheControl, commonPageHeaders, pageHeaders } from '../../web/pageHeaders.ts';
import { configPath, hostedPageAt, hostedPages, versionedAssetsPrefix } from '../../web/pages.ts';
import { apiUrlPlaceholder, pagesWithApiUrl } from '../../web/site/renderHostedPages.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface LocalPages {
  readonly url: string;
  readonly build: WebBuild;
  stop(): Promise<void>;
}

/**
 * What S3 and CloudFront do in AWS, on one port: the built pages and components with the
 * same headers (`web/pageHeaders.ts`), `config.json` naming the local API, and the demo page's
 * plain form pointed at it. Built once at start (restart the stack to rebuild).
 */
export async function startPagesServer(options: {
  readonly port: number;
  readonly apiUrl: string;
  readonly buildDirectory: string;
  readonly siteName: string;
  readonly eventUrlPattern?: string | null;
}): Promise<LocalPages> {
  const build = buildWebSync(options.buildDirectory, { siteName: options.siteName });
  const apiOrigin = new URL(options.apiUrl).origin;
  const withApiUrl = new Set(pagesWithApiUrl.map((name) => hostedPages[name].path));
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === configPath) {
      response.writeHead(200, {
        'content-type': contentTypes['.json'],
        'cache-control': cacheControl.revalidated,
        'access-control-allow-origin': '*',
      });
      response.end(
        JSON.stringify({ apiUrl: options.apiUrl, eventUrlPattern: options.eventUrlPattern ?? null }),
      );
      return;
    }
    const page = hostedPageAt(path);
    const filePath = page ? page.path : path;
    const immutable = filePath.startsWith(versionedAssetsPrefix) && filePath.split('/').length > 3;
    const root = immutable ? build.immutableDirectory : build.siteDirectory;
    const file = normalize(join(root, filePath));
    if (!file.startsWith(root)) {
      response.writeHead(404).end();
      return;
    }
    let body: Buffer | string;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Page introuvable.');
      return;
    }
    if (page && withApiUrl.has(page.path))
      body = body.toString('utf8').replaceAll(apiUrlPlaceholder, options.apiUrl);
    const headers = page ? pageHeaders(page, apiOrigin) : commonPageHeaders(apiOrigin);
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? cacheControl.immutable : cacheControl.revalidated,
      // Module scripts and the stylesheet are fetched with CORS by host pages on other origins.
      'access-control-allow-origin': '*',
      ...headers,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    url: `http://localhost:${options.port}`,
    build,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

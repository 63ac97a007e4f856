import { createServer, type Server } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { AssetStore } from './contentLake/assets.ts';
import { dataRoutes } from './contentLake/dataEndpoints.ts';
import { TransactionLog } from './contentLake/history.ts';
import { isLocalOrigin, type LakeRequest } from './contentLake/http.ts';
import { ListenHub } from './contentLake/listen.ts';
import { presenceUpgrade } from './contentLake/presence.ts';
import { type Lake, lakeRequestHandler } from './contentLake/routes.ts';
import { studioRoutes } from './contentLake/studioEndpoints.ts';
import { type LocalCertificate, localCertificate } from './contentLake/tls.ts';
import { isStudioRole, type StudioRole } from './contentLake/users.ts';
import { sendWebhooks } from './contentLake/webhook.ts';
import { ContentLakeDocuments } from './contentLakeDocuments.ts';
import type { StackActivity } from './stackActivity.ts';

export type { StudioRole } from './contentLake/users.ts';

export interface ContentLakeOptions {
  /** Plain HTTP port of the functions and tests (`SANITY_API_HOST`); 0 for any free port. */
  readonly port: number;
  /** NDJSON file the lake starts from (the demo dataset). */
  readonly datasetFile: string;
  /**
   * NDJSON file that keeps the documents between runs: read at start when it exists (instead of
   * the dataset), rewritten after every transaction. Absent: everything lives in memory only.
   */
  readonly persistFile?: string | undefined;
  /**
   * Folder of uploaded images' and files' bytes. Default: `content-lake-assets` beside the
   * persisted file; in memory without one.
   */
  readonly assetDirectory?: string | undefined;
  /** The translog (history of transactions). Default: `content-lake-history.ndjson` beside the persisted file; in memory without one. */
  readonly historyFile?: string | undefined;
  /** Where the lake sends signed webhooks after a transaction, as Sanity would (optional). */
  readonly webhook?: { readonly url: string; readonly secret: string };
  /** Project and dataset the lake answers as (webhook headers, asset paths). */
  readonly projectId?: string;
  readonly dataset?: string;
  /** The Studio's endpoint (HTTPS and HTTP/2, same documents); not started when absent. */
  readonly studio?: StudioEndpointOptions;
  /**
   * The one token the functions' listener accepts (the functions' `SANITY_WRITE_TOKEN`): requests
   * without a token then read as an anonymous reader of a public dataset (root-path documents
   * only, no writes), and a wrong token is a 401. Absent: every request is the system.
   */
  readonly robotToken?: string | undefined;
  /** Counts the webhook deliveries under way (`GET /health/settled` waits for them). */
  readonly activity?: StackActivity;
}

export interface StudioEndpointOptions {
  /** 0 for any free port. */
  readonly port: number;
  /**
   * Where the self-signed certificate is made at first start and kept. Default: beside the
   * persisted file, else `.essaim/tls` in the repository (so it is trusted once either way).
   */
  readonly certificateDirectory?: string | undefined;
  /**
   * Role of the Studio's local user at start (`/local/role` changes it while the stand-in runs;
   * a request's `x-essaim-studio-role` header overrides it). Default: `ESSAIM_STUDIO_ROLE`, else
   * administrator.
   */
  readonly defaultRole?: StudioRole | undefined;
  /** Origins answered with credentials. Default: any page of this machine (localhost, *.localhost, 127.0.0.1). */
  readonly allowedOrigins?: readonly string[] | undefined;
}

export interface ContentLake {
  /** The functions' URL (plain HTTP). */
  readonly url: string;
  /** The Studio's `apiHost` (`https://localhost:<port>`), null without the Studio endpoint. */
  readonly studioUrl: string | null;
  /** The certificate to trust (`certificateFile`, `spkiFingerprint` for Chromium), null without the Studio endpoint. */
  readonly certificate: LocalCertificate | null;
  readonly documentCount: () => number;
  stop(): Promise<void>;
}

const repositoryTlsDirectory = join(import.meta.dirname, '..', '..', '.essaim', 'tls');

/**
 * A local stand-in of the Content Lake: the endpoints Essaim's functions call (query, doc,
 * mutate) on plain HTTP, and, for Sanity Studio, the same documents over HTTPS with HTTP/2
 * (the browser allows six HTTP/1.1 connections per host, which the Studio's event streams
 * use up) with listen, actions, assets and the user endpoints. GROQ runs on groq-js, patches
 * on `@sanity/mutator`; every transaction is persisted, told to listeners, and sent as the
 * signed webhook the project declares. It replaces Sanity's hosted API when no project is
 * configured; it is not a fake of an AWS service.
 */
export async function startContentLake(options: ContentLakeOptions): Promise<ContentLake> {
  const projectId = options.projectId ?? 'essaimdemo';
  const dataset = options.dataset ?? 'production';
  const documents = new ContentLakeDocuments(options);
  const keptBeside = options.persistFile ? dirname(options.persistFile) : undefined;
  const assetDirectory = options.assetDirectory ?? (keptBeside && join(keptBeside, 'content-lake-assets'));
  const allowed = options.studio?.allowedOrigins;
  const lake: Lake = {
    documents,
    listen: new ListenHub(documents),
    assets: new AssetStore(documents, { projectId, dataset }, assetDirectory),
    history: new TransactionLog(
      documents,
      options.historyFile ?? (keptBeside && join(keptBeside, 'content-lake-history.ndjson')),
    ),
    projectId,
    dataset,
    studioRole: { current: defaultRoleOf(options.studio) },
    allowOrigin: allowed ? (origin) => allowed.includes(origin) : isLocalOrigin,
    robotToken: options.robotToken,
    webhook: { enabled: true },
  };
  const stopWebhooks = options.webhook
    ? sendWebhooks(documents, options.webhook, { projectId, dataset }, lake.webhook, options.activity)
    : () => {};
  const routes = [...dataRoutes, ...studioRoutes];
  let url = `http://127.0.0.1:${options.port}`;
  let studioPort: number | undefined;

  const plain = createServer(lakeRequestHandler(lake, routes, { studio: false, publicUrl: () => url }));
  const sockets = new Set<Socket>();
  let secure: Http2SecureServer | undefined;
  let certificate: LocalCertificate | null = null;
  try {
    url = `http://127.0.0.1:${await listen(plain, options.port)}`;
    if (options.studio) {
      certificate = await localCertificate(
        options.studio.certificateDirectory ?? keptBeside ?? repositoryTlsDirectory,
        projectId,
      );
      const handler = lakeRequestHandler(lake, routes, {
        studio: true,
        publicUrl: (request) => `https://${localHost(request, studioPort ?? 0)}`,
      });
      secure = createSecureServer(
        { key: certificate.privateKey, cert: certificate.certificate, allowHTTP1: true },
        handler,
      );
      // Presence: the Studio's WebSocket, opened over HTTP/1.1 beside the HTTP/2 connection.
      secure.on('upgrade', presenceUpgrade(lake));
      secure.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      studioPort = await listen(secure, options.studio.port);
    }
  } catch (error) {
    plain.close();
    secure?.close();
    stopWebhooks();
    throw error;
  }
  return {
    url,
    studioUrl: studioPort ? `https://localhost:${studioPort}` : null,
    certificate,
    documentCount: () => documents.size,
    stop: async () => {
      stopWebhooks();
      await lake.history.close();
      lake.listen.close();
      plain.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await Promise.all([close(plain), secure && close(secure)]);
    },
  };
}

function defaultRoleOf(studio: StudioEndpointOptions | undefined): StudioRole {
  const role = studio?.defaultRole ?? process.env.ESSAIM_STUDIO_ROLE ?? 'administrator';
  if (!isStudioRole(role)) throw new Error(`ESSAIM_STUDIO_ROLE: unknown role "${role}"`);
  return role;
}

/** The host the browser used (`localhost:8011`, `essaimdemo.localhost:8011`), if it is a local one. */
function localHost(request: LakeRequest, port: number): string {
  const host = String(request.headers[':authority'] ?? request.headers.host ?? '');
  return /^([\w-]+\.)*localhost:\d+$|^127\.0\.0\.1:\d+$/.test(host) ? host : `localhost:${port}`;
}

/** Listens on 127.0.0.1; answers the port (the one chosen by the system for port 0). */
function listen(server: Server | Http2SecureServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server | Http2SecureServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

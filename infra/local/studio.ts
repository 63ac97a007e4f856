import { localApiHostVariable } from '../../studio/localContentLake.ts';
import { ensureStudioBuild } from './studioBuild.ts';
import { startStudioServer, unreachableApiNotice } from './studioServer.ts';

export interface LocalStudioOptions {
  readonly port: number;
  /** The Content Lake stand-in (https), as the stack reaches it. */
  readonly contentLakeUrl: string;
  /** Where builds are kept between runs (see `ensureStudioBuild`). */
  readonly cacheDirectory: string;
  /** The stand-in's certificate, named in the page's notice when the browser does not trust it. */
  readonly certificateFile?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface LocalStudio {
  readonly url: string;
  /** False when an earlier run's build was reused. */
  readonly built: boolean;
  stop(): Promise<void>;
}

/**
 * The stand-in's address as the Studio's browser must use it: on `localhost`, not an IP
 * address, because the Studio also calls `https://<projectId>.<host>` and browsers resolve
 * `*.localhost` (never `*.127.0.0.1`) to the loopback address.
 */
export function studioApiHost(contentLakeUrl: string): string {
  const url = new URL(contentLakeUrl);
  if (url.hostname === '127.0.0.1' || url.hostname === '[::1]') url.hostname = 'localhost';
  return url.origin;
}

/**
 * The Sanity Studio of `studio/`, built for the local Content Lake stand-in (cached: rebuilt only
 * when `studio/`, the installed packages or the stand-in's address change) and served as static
 * files on 127.0.0.1, in this process. A static build rather than `sanity dev`: the Vite dev
 * server holds about 1.4 GB for as long as the stack runs, a build about as much for a few
 * seconds, once (see the README's local Studio).
 */
export async function startLocalStudio(options: LocalStudioOptions): Promise<LocalStudio> {
  const apiHost = studioApiHost(options.contentLakeUrl);
  const build = await ensureStudioBuild({
    cacheDirectory: options.cacheDirectory,
    variables: { [localApiHostVariable]: apiHost },
    signal: options.signal,
  });
  // The project's host name the Studio also calls (see studio/localContentLake.ts).
  const projectHost = new URL(apiHost);
  projectHost.hostname = `${process.env.SANITY_STUDIO_PROJECT_ID || 'essaimdemo'}.${projectHost.hostname}`;
  const server = await startStudioServer({
    port: options.port,
    directory: build.directory,
    headEnd:
      options.certificateFile &&
      unreachableApiNotice({
        apiHost,
        projectHost: projectHost.origin,
        certificateFile: options.certificateFile,
      }),
  });
  return {
    url: `http://localhost:${options.port}`,
    built: build.built,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createClient, type SanityClient } from '@sanity/client';
import { secret } from '../platform/secrets.ts';

/** Content Lake API version the queries are written against. */
export const sanityApiVersion = '2025-02-19';

let client: Promise<SanityClient> | undefined;

/**
 * The one way functions read content. With `SANITY_API_HOST` (the local stack) it talks to the
 * local Content Lake stand-in; otherwise to the project's Content Lake. Reads are of published
 * content, not through the API CDN: freshness comes from the webhook, speed from our cache.
 * A token (`SANITY_READ_TOKEN`, from SSM in AWS) is only needed for a private dataset.
 */
export function sanityClient(env: NodeJS.ProcessEnv = process.env): Promise<SanityClient> {
  client ??= (async () => {
    const token = await secret('SANITY_READ_TOKEN', env);
    return createClient({
      projectId: env.SANITY_PROJECT_ID ?? 'essaimdemo',
      dataset: env.SANITY_DATASET ?? 'production',
      apiVersion: sanityApiVersion,
      useCdn: false,
      perspective: 'published',
      ...(env.SANITY_API_HOST ? { apiHost: env.SANITY_API_HOST, useProjectHostname: false } : {}),
      ...(token ? { token } : {}),
    });
  })();
  return client;
}

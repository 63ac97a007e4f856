import { createClient, type SanityClient } from '@sanity/client';
import { fromSecret } from '../secrets.ts';
import { setting } from '../settings.ts';

import { sanityApiVersion } from './contentApiVersion.ts';

export { sanityApiVersion };

/**
 * The one way functions read content. With `SANITY_API_HOST` (the local stack) it talks to the
 * local Content Lake stand-in; otherwise to the project's Content Lake. Reads are of published
 * content, not through the API CDN: freshness comes from the webhook, speed from our cache.
 * A token (`SANITY_READ_TOKEN`, from SSM in AWS) is only needed for a private dataset.
 */
export const sanityClient: () => Promise<SanityClient> = fromSecret('SANITY_READ_TOKEN', (token) => {
  const apiHost = setting('sanityApiHost');
  return createClient({
    projectId: setting('sanityProjectId'),
    dataset: setting('sanityDataset'),
    apiVersion: sanityApiVersion,
    useCdn: false,
    perspective: 'published',
    ...(apiHost ? { apiHost, useProjectHostname: false } : {}),
    ...(token ? { token } : {}),
  });
});

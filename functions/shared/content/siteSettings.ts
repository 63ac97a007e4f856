import { defineQuery } from 'groq';
import { setting } from '../settings.ts';
import { readContent } from './contentReader.ts';

export const siteSettingsQuery = defineQuery(`*[_id == "siteSettings"][0] {
  siteName,
  email,
  postalAddress,
  brandColour,
  "logoUrl": logo.asset->url,
  contactTopics[] { id, label, recipients },
  formChallenges
}`);

/** How mails present the network: one source for the sender's name and the body's. */
export interface SiteBrand {
  readonly siteName: string;
  readonly logoUrl: string | null;
  readonly colour: string | null;
  readonly postalAddress: string | null;
}

/**
 * The rule, field by field: what editors set in the Studio's site settings wins; a field they
 * left empty falls back to configuration (`SITE_NAME`). Every mail's From name and body use the
 * same `siteName`, so they always agree.
 */
export function brandOf(
  settings: {
    siteName?: string | null;
    brandColour?: string | null;
    logoUrl?: string | null;
    postalAddress?: string | null;
  } | null,
  fallbackSiteName: string = setting('siteName'),
): SiteBrand {
  return {
    siteName: settings?.siteName?.trim() || fallbackSiteName,
    logoUrl: settings?.logoUrl ?? null,
    colour: settings?.brandColour ?? null,
    postalAddress: settings?.postalAddress?.trim() || null,
  };
}

/** The site settings as they are now (cached until the content changes), and the brand they give. */
export async function currentSiteSettings() {
  const { value } = await readContent(siteSettingsQuery, {});
  return { settings: value, brand: brandOf(value) };
}

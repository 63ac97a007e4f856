import { currentSiteSettings, type SiteBrand } from '../shared/content/siteSettings.ts';
import { type ContactConfig, contactConfigFromEnv, withTopicsFromSettings } from './topics.ts';

const fromConfiguration = contactConfigFromEnv();

/**
 * The contact form's configuration now: the topics editors set in the site settings (with their
 * recipients), else those of the configuration; and the brand mails are signed with.
 */
export async function currentContactConfig(): Promise<ContactConfig & { brand: SiteBrand }> {
  const { settings, brand } = await currentSiteSettings();
  return { ...withTopicsFromSettings(fromConfiguration, settings?.contactTopics), brand };
}

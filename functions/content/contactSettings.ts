import {
  type ContactConfig,
  contactConfigFromEnv,
  withTopicsFromSettings,
} from '../domain/contact/topics.ts';
import { readContent } from './contentReader.ts';
import { siteSettingsQuery } from './queries.ts';

const fromEnvironment = contactConfigFromEnv();

/** The contact form's configuration now: topics and recipients from the site settings, else from the environment. */
export async function currentContactConfig(): Promise<ContactConfig & { siteName: string | null }> {
  const { value: settings } = await readContent(siteSettingsQuery, {});
  return {
    ...withTopicsFromSettings(fromEnvironment, settings?.contactTopics),
    siteName: settings?.siteName ?? null,
  };
}

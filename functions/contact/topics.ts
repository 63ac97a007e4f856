import { setting } from '../shared/settings.ts';

/**
 * Topics the contact form offers, and who receives each. Editors set them in the Studio's site
 * settings; without settings (or without topics there) they come from configuration
 * (`CONTACT_TOPICS`, `CONTACT_RECIPIENTS`).
 */
export interface ContactTopic {
  readonly id: string;
  readonly label: string;
}

export const defaultContactTopics: readonly ContactTopic[] = [
  { id: 'information', label: 'Demande d’information' },
  { id: 'mois-ess', label: 'Mois de l’ESS : proposer ou modifier une manifestation' },
  { id: 'adhesion', label: 'Adhésion et vie du réseau' },
  { id: 'partenariat', label: 'Partenariat, mécénat ou presse' },
  { id: 'donnees-personnelles', label: 'Données personnelles (RGPD)' },
];

export interface ContactConfig {
  readonly topics: readonly ContactTopic[];
  /** Recipients by topic id; `*` is used for topics without their own list. */
  readonly recipients: Readonly<Record<string, readonly string[]>>;
  readonly retentionDays: number;
  /** Identical submissions within this window get the first one's id and no new e-mail. */
  readonly duplicateWindowSeconds: number;
  /** Version of the consent text shown next to the checkbox, recorded with each message. */
  readonly consentTextVersion: string;
}

/** The contact form as configured (`CONTACT_*` settings), before the Studio's site settings. */
export function contactConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ContactConfig {
  return {
    topics: setting('contactTopics', env) ?? defaultContactTopics,
    recipients: setting('contactRecipients', env),
    retentionDays: setting('contactRetentionDays', env),
    duplicateWindowSeconds: 10 * 60,
    consentTextVersion: setting('contactConsentVersion', env),
  };
}

export function recipientsOf(config: ContactConfig, topicId: string): readonly string[] {
  // Own properties only: a topic id is never looked up on Object.prototype.
  if (Object.hasOwn(config.recipients, topicId)) return config.recipients[topicId] ?? [];
  return Object.hasOwn(config.recipients, '*') ? (config.recipients['*'] ?? []) : [];
}

/** Topics and recipients as the site settings give them, if they give any. */
export interface SettingsTopic {
  readonly id: string | null;
  readonly label: string | null;
  readonly recipients: readonly string[] | null;
}

export function withTopicsFromSettings(
  config: ContactConfig,
  settingsTopics: readonly SettingsTopic[] | null | undefined,
): ContactConfig {
  const usable = (settingsTopics ?? []).filter(
    (topic): topic is { id: string; label: string; recipients: readonly string[] } =>
      Boolean(topic.id && topic.label && topic.recipients?.length),
  );
  if (usable.length === 0) return config;
  return {
    ...config,
    topics: usable.map(({ id, label }) => ({ id, label })),
    recipients: {
      ...config.recipients,
      ...Object.fromEntries(usable.map((topic) => [topic.id, topic.recipients])),
    },
  };
}

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

export function contactConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ContactConfig {
  return {
    topics: env.CONTACT_TOPICS ? (JSON.parse(env.CONTACT_TOPICS) as ContactTopic[]) : defaultContactTopics,
    recipients: env.CONTACT_RECIPIENTS
      ? (JSON.parse(env.CONTACT_RECIPIENTS) as Record<string, string[]>)
      : { '*': ['contact@essaim.localhost'] },
    retentionDays: Number(env.CONTACT_RETENTION_DAYS ?? 365),
    duplicateWindowSeconds: 10 * 60,
    consentTextVersion: env.CONTACT_CONSENT_VERSION ?? 'contact-2026-11',
  };
}

export function recipientsOf(config: ContactConfig, topicId: string): readonly string[] {
  return config.recipients[topicId] ?? config.recipients['*'] ?? [];
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

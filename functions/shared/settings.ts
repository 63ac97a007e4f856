import { abuseSettingDeclarations } from './abuseSettings.ts';
import { isMailableUrl } from './mail/mailableUrl.ts';
import { sendingSettingDeclarations } from './sendingSettings.ts';
import {
  emailType,
  isEmailAddress,
  isIsoDateTime,
  jsonType,
  numberType,
  optionalTextType,
  readJson,
  type SettingType,
  settingType,
  textType,
  urlType,
} from './settingTypes.ts';

/**
 * Every setting the functions read, declared once: its environment variable, type, default,
 * what the local stack sets, and the CDK context key a deployment gives it. Functions read
 * configuration only through `setting()`; the CDK stack, the local stack and the README's
 * configuration table are all made from these declarations (a test compares the README).
 */
export interface SettingDeclaration<T> {
  readonly variable: string;
  readonly description: string;
  /** How the variable's text is read (`settingTypes.ts`). */
  readonly schema: SettingType<T>;
  /** The value when the variable is unset, as the variable would spell it. */
  readonly fallback: string;
  /** What the local stack sets (unless the developer exported another value). */
  readonly local?: string;
  /** The CDK context key that sets it in a deployment; absent for what only the stack or the local runtime sets. */
  readonly context?: string;
  /** Read at every use rather than once per container (a test moves the clock). */
  readonly readEachTime?: boolean;
}

const positiveInteger = numberType({ integer: true, positive: true });
const optionalText = optionalTextType();
const nonEmptyText = textType({ min: 1 });
/** An address mails may link to: https, or http on a local host. */
const mailableUrl = urlType(isMailableUrl);
const isObject = (json: unknown): json is Record<string, unknown> =>
  typeof json === 'object' && json !== null && !Array.isArray(json);
/** An address with `{slug}` that stays a mailable URL once the slug is in. */
const isEventUrlPattern = (pattern: string) =>
  pattern.includes('{slug}') && isMailableUrl(pattern.replaceAll('{slug}', 'exemple'));

const declare = <T>(declaration: SettingDeclaration<T>) => declaration;

/** `CONTACT_TOPICS`: a non-empty JSON list of `{ id, label }` (other fields left out). */
const contactTopicsOf = (json: unknown) => {
  if (!Array.isArray(json) || json.length === 0) return undefined;
  const topics = json.map((topic) =>
    isObject(topic) &&
    typeof topic.id === 'string' &&
    topic.id.length > 0 &&
    typeof topic.label === 'string' &&
    topic.label.length > 0
      ? { id: topic.id, label: topic.label }
      : undefined,
  );
  return topics.every((topic) => topic !== undefined) ? topics : undefined;
};

export const settingDeclarations = {
  siteName: declare({
    variable: 'SITE_NAME',
    description:
      'Name of the network, in e-mails (sender name and body alike) and feeds, unless the Studio’s site settings give one',
    schema: nonEmptyText,
    fallback: 'Essaim',
    local: 'Essaim (local)',
    context: 'siteName',
  }),
  mailFrom: declare({
    variable: 'MAIL_FROM',
    description: 'Address every e-mail is sent from; its display name is the site name',
    schema: emailType,
    fallback: 'ne-pas-repondre@essaim.localhost',
    context: 'mailFrom',
  }),
  publicSiteUrl: declare({
    variable: 'PUBLIC_SITE_URL',
    description: 'The network’s public website (https): the news feed links to it',
    // Mails link to it, and a mail links only to https (http for a local host).
    schema: mailableUrl,
    fallback: 'https://www.essaim.example',
    context: 'siteUrl',
  }),
  pagesUrl: declare({
    variable: 'PAGES_URL',
    description:
      'Base URL of the hosted visitor pages (`web/`): every link a mail carries opens there; the stack sets it (CloudFront, or `pagesDomain`)',
    schema: mailableUrl,
    fallback: 'https://pages.essaim.example',
    local: 'http://localhost:8080',
  }),
  apiUrl: declare({
    variable: 'API_URL',
    description:
      'Base URL of the API, for the links a mail carries to it (one-click unsubscribe in `List-Unsubscribe`); the stack sets it',
    schema: mailableUrl,
    fallback: 'https://api.essaim.example',
    local: 'http://127.0.0.1:3000',
  }),
  studioUrl: declare({
    variable: 'STUDIO_URL',
    description:
      'Address of the Sanity Studio editors use (`https://<name>.sanity.studio` or the network’s own): the mails that tell a chamber of a submitted event link to its document there',
    schema: mailableUrl,
    fallback: 'https://essaim.sanity.studio',
    local: 'http://localhost:3333',
    context: 'studioUrl',
  }),
  eventUrlPattern: declare({
    variable: 'EVENT_URL_PATTERN',
    description:
      'The network’s own event address with `{slug}` (e.g. `https://www.cress-exemple.fr/agenda/{slug}`), when its site shows events: mails and calendars link there',
    schema: optionalTextType(isEventUrlPattern),
    fallback: '',
    context: 'eventUrlPattern',
  }),
  corsOrigins: declare({
    variable: 'CORS_ORIGINS',
    description:
      'Comma-separated web origins allowed to call the API from a browser (the hosted pages’ origin is added by the stack)',
    schema: settingType((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
    fallback: '',
    context: 'corsOrigins',
  }),
  contactRecipients: declare({
    variable: 'CONTACT_RECIPIENTS',
    description:
      'JSON: recipients of contact messages by topic id, `*` for the others; topics with recipients in the Studio’s site settings take those',
    schema: jsonType((json) =>
      isObject(json) &&
      Object.values(json).every(
        (addresses) =>
          Array.isArray(addresses) &&
          addresses.every((address) => typeof address === 'string' && isEmailAddress(address)),
      )
        ? (Object.fromEntries(Object.entries(json)) as Record<string, string[]>)
        : undefined,
    ),
    fallback: '{"*":["contact@essaim.localhost"]}',
    local: '{"*":["equipe@essaim.localhost"],"donnees-personnelles":["dpo@essaim.localhost"]}',
    context: 'contactRecipients',
  }),
  contactTopics: declare({
    variable: 'CONTACT_TOPICS',
    description: 'JSON list of `{id,label}` the form offers when the Studio’s site settings give no topics',
    schema: settingType((text) => (text === '' ? null : readJson(text, contactTopicsOf))),
    fallback: '',
    context: 'contactTopics',
  }),
  contactRetentionDays: declare({
    variable: 'CONTACT_RETENTION_DAYS',
    description: 'How long a contact message is kept (DynamoDB TTL), in days',
    schema: positiveInteger,
    fallback: '365',
    context: 'contactRetentionDays',
  }),
  contactConsentVersion: declare({
    variable: 'CONTACT_CONSENT_VERSION',
    description: 'Version of the consent text shown by the contact form, stored with each message',
    schema: nonEmptyText,
    fallback: 'contact-2026-11',
    context: 'contactConsentVersion',
  }),
  registrationRetentionMonths: declare({
    variable: 'REGISTRATION_RETENTION_MONTHS',
    description: 'How long after its event a registration is kept (DynamoDB TTL), in months',
    schema: positiveInteger,
    fallback: '6',
    context: 'registrationRetentionMonths',
  }),
  registrationConsentVersion: declare({
    variable: 'REGISTRATION_CONSENT_VERSION',
    description: 'Version of the consent text shown by the registration form, stored with each registration',
    schema: nonEmptyText,
    fallback: 'inscription-2026-11',
    context: 'registrationConsentVersion',
  }),
  subscriptionConsentVersion: declare({
    variable: 'SUBSCRIPTION_CONSENT_VERSION',
    description: 'Version of the consent text shown by the subscription form, stored with each subscription',
    schema: nonEmptyText,
    fallback: 'abonnement-2026-12',
    context: 'subscriptionConsentVersion',
  }),
  tokenKeyId: declare({
    variable: 'TOKEN_KEY_ID',
    description: 'Id of the key (in the `TOKEN_KEYS` secret) that signs new links; the others only verify',
    schema: optionalText,
    fallback: '',
    local: 'local-1',
    context: 'tokenKeyId',
  }),
  sanityProjectId: declare({
    variable: 'SANITY_PROJECT_ID',
    description: 'The Sanity project the functions read content from',
    schema: textType({ pattern: /^[a-z0-9-]+$/ }),
    fallback: 'essaimdemo',
    context: 'sanityProjectId',
  }),
  sanityDataset: declare({
    variable: 'SANITY_DATASET',
    description: 'Its dataset',
    schema: textType({ pattern: /^[a-z0-9_-]+$/ }),
    fallback: 'production',
    context: 'sanityDataset',
  }),
  sanityApiHost: declare({
    variable: 'SANITY_API_HOST',
    description: 'Another Content Lake address: the local stand-in',
    schema: optionalText,
    fallback: '',
    local: 'http://127.0.0.1:8010',
  }),
  contentRevisionCheckMs: declare({
    variable: 'CONTENT_REVISION_CHECK_MS',
    description: 'How often a warm function checks whether the content changed, in milliseconds',
    schema: positiveInteger,
    fallback: '5000',
    local: '1000',
  }),
  sesConfigurationSet: declare({
    variable: 'SES_CONFIGURATION_SET',
    description:
      'SES configuration set of transactional mail (every send today); its bounces and complaints feed the suppression set (the stack sets it)',
    schema: optionalText,
    fallback: '',
    local: 'essaim-local-transactional',
  }),
  sesBulkConfigurationSet: declare({
    variable: 'SES_BULK_CONFIGURATION_SET',
    description:
      'SES configuration set of bulk mail (newsletters, digests), with its own reputation metrics and the same feedback (the stack sets it)',
    schema: optionalText,
    fallback: '',
    local: 'essaim-local-bulk',
  }),
  ...abuseSettingDeclarations,
  ...sendingSettingDeclarations,
  fixedNow: declare({
    variable: 'ESSAIM_NOW',
    description: 'Fixes “now” for code that depends on the date (tests, demos)',
    schema: settingType((text) => (text === '' ? null : isIsoDateTime(text) ? text : undefined)),
    fallback: '',
    readEachTime: true,
  }),
  dynamoDbEndpoint: declare({
    variable: 'DYNAMODB_ENDPOINT',
    description: 'DynamoDB Local’s address (local stack only)',
    schema: optionalText,
    fallback: '',
  }),
  sesEndpoint: declare({
    variable: 'SES_ENDPOINT',
    description: 'The SES emulator’s address (local stack only)',
    schema: optionalText,
    fallback: '',
  }),
} as const;

export type SettingName = keyof typeof settingDeclarations;
export type SettingValue<N extends SettingName> =
  (typeof settingDeclarations)[N]['schema'] extends SettingType<infer T> ? T : never;

/**
 * Secrets: in AWS, SSM SecureStrings named by `<NAME>_PARAMETER` (only the functions that
 * declare them may read them); locally, the `<NAME>` variable itself (see `secrets.ts`).
 */
export const secretDeclarations = {
  SANITY_WEBHOOK_SECRET: {
    description: 'Secret of the Sanity webhook signature',
    local: 'essaim-local-webhook-secret',
  },
  SANITY_READ_TOKEN: { description: 'Sanity read token, for a private dataset only', local: '' },
  SANITY_WRITE_TOKEN: {
    description:
      'Sanity robot token (role Editor) of the workers that write to the Content Lake: the figures kept for editors under `essaim-private.*`, submitted events’ drafts and contacts, and the printed programme’s PDF (a file asset)',
    local: 'essaim-local-content-lake-token',
  },
  TOKEN_KEYS: {
    description:
      'JSON `{ "<key id>": "<secret>" }` (or `{ "secret", "acceptUntil" }` for a retired key): the keys of signed links',
    local: '{"local-1":"essaim-local-token-key"}',
  },
  ADDRESS_HASH_KEY: {
    description: 'Key of the keyed hash (HMAC) by which items are found by e-mail address; never rotated',
    local: 'essaim-local-address-hash-key',
  },
} as const;

const cache = new Map<SettingName, unknown>();

/**
 * A setting's value, parsed once per container. A malformed value is a deployment mistake:
 * it fails loudly with the variable's name (never its value, which may be personal data).
 */
export function setting<N extends SettingName>(
  name: N,
  env: NodeJS.ProcessEnv = process.env,
): SettingValue<N> {
  const declaration = settingDeclarations[name] as SettingDeclaration<SettingValue<N>>;
  const cached = env === process.env && !declaration.readEachTime;
  if (cached && cache.has(name)) return cache.get(name) as SettingValue<N>;
  const raw = env[declaration.variable] ?? declaration.fallback;
  const parsed = declaration.schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Setting ${declaration.variable} is not valid`);
  if (cached) cache.set(name, parsed.data);
  return parsed.data;
}

/** Forgets parsed values (tests that change the environment). */
export const forgetSettings = (): void => cache.clear();

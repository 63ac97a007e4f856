/** Everything a deployment is configured with, read from CDK context (`-c key=value` or cdk.json). */
export interface EssaimSettings {
  readonly stage: 'dev' | 'prod';
  readonly siteName: string;
  /** Domain SES sends from (an SES identity is created for it). */
  readonly mailDomain: string;
  /** Web origins allowed to call the API from a browser. */
  readonly corsOrigins: readonly string[];
  /** Recipients of contact messages by topic id; `*` for the others. */
  readonly contactRecipients: Readonly<Record<string, readonly string[]>>;
  readonly contactRetentionDays: number;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Address that receives alarm notifications; none when empty. */
  readonly alarmEmail?: string;
  readonly sanity: {
    readonly projectId: string;
    readonly dataset: string;
    /** SSM SecureString holding the webhook's signing secret. */
    readonly webhookSecretParameter: string;
    /** SSM SecureString holding a read token, for a private dataset only. */
    readonly readTokenParameter?: string;
  };
  /** SSM SecureString holding the manage-link signing keys (JSON `{ "<id>": "<secret>" }`), and the current key id. */
  readonly registrationTokenKeysParameter: string;
  readonly registrationTokenKeyId: string;
  /** The public website, where calendar entries and feeds link to. */
  readonly siteUrl: string;
}

type ContextReader = (key: string) => unknown;

const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : String(value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

const json = <T>(value: unknown, fallback: T): T =>
  value === undefined || value === ''
    ? fallback
    : typeof value === 'string'
      ? (JSON.parse(value) as T)
      : (value as T);

export function settingsFromContext(context: ContextReader): EssaimSettings {
  const stage = String(context('stage') ?? 'dev');
  if (stage !== 'dev' && stage !== 'prod')
    throw new Error(`Context "stage" must be dev or prod, not "${stage}"`);
  const mailDomain = String(context('mailDomain') ?? '');
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(mailDomain))
    throw new Error('Context "mailDomain" must be a domain name');
  return {
    stage,
    siteName: String(context('siteName') ?? 'Essaim'),
    mailDomain,
    corsOrigins: list(context('corsOrigins')),
    contactRecipients: json(context('contactRecipients'), { '*': [`contact@${mailDomain}`] }),
    contactRetentionDays: Number(context('contactRetentionDays') ?? 365),
    throttle: {
      rateLimit: Number(context('throttleRateLimit') ?? 50),
      burstLimit: Number(context('throttleBurstLimit') ?? 100),
    },
    alarmEmail: String(context('alarmEmail') ?? '') || undefined,
    sanity: {
      projectId: String(context('sanityProjectId') ?? 'essaimdemo'),
      dataset: String(context('sanityDataset') ?? 'production'),
      webhookSecretParameter: String(
        context('sanityWebhookSecretParameter') ?? `/essaim/${stage}/sanity-webhook-secret`,
      ),
      readTokenParameter: String(context('sanityReadTokenParameter') ?? '') || undefined,
    },
    siteUrl: String(context('siteUrl') ?? `https://www.${mailDomain}`),
    registrationTokenKeysParameter: String(
      context('registrationTokenKeysParameter') ?? `/essaim/${stage}/registration-token-keys`,
    ),
    registrationTokenKeyId: String(context('registrationTokenKeyId') ?? 'k1'),
  };
}

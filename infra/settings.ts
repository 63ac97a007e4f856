import type { SecretName } from '../functions/manifest.ts';
import { type SettingName, secretDeclarations, settingDeclarations } from '../functions/shared/settings.ts';

/**
 * Everything a deployment is configured with, read from CDK context (`-c key=value` or
 * cdk.json): the stack's own settings, and the functions' settings, each declared once in
 * `functions/shared/settings.ts` with the context key that sets it.
 */
export interface EssaimSettings {
  readonly stage: 'dev' | 'prod';
  /** Domain SES sends from (an SES identity is created for it). */
  readonly mailDomain: string;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Address that receives alarm notifications; none when empty. */
  readonly alarmEmail?: string;
  /**
   * The functions' settings that have a context key, as environment variables (validated here,
   * at synth); the stack adds those it knows itself (`PAGES_URL`, `SES_CONFIGURATION_SET`).
   */
  readonly functionEnvironment: Readonly<Record<string, string>>;
  /** Web origins allowed to call the API from a browser (also a function setting). */
  readonly corsOrigins: readonly string[];
  /** SSM SecureString parameter of each secret; the read token only when one is configured. */
  readonly secretParameters: Readonly<Partial<Record<SecretName, string>>>;
  /** The hosted pages' own domain and its certificate; none: the distribution's `*.cloudfront.net` address. */
  readonly pagesDomain?: PagesDomain;
}

export interface PagesDomain {
  /** For example `evenements.cress-exemple.fr`: the network points a CNAME at the distribution. */
  readonly domainName: string;
  /** An ACM certificate for it in us-east-1, the only region CloudFront takes certificates from. */
  readonly certificateArn: string;
}

type ContextReader = (key: string) => unknown;

/** A context value as text: JSON objects given in cdk.json are written back as JSON. */
const domainName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;
const certificateArn = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]+$/;

const asText = (value: unknown): string | undefined =>
  value === undefined || value === null
    ? undefined
    : typeof value === 'string'
      ? value
      : Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? value.join(',')
        : JSON.stringify(value);

/** The context key of a secret's parameter: `tokenKeysParameter`. */
export const secretParameterKey = (name: SecretName): string =>
  `${name.toLowerCase().replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase())}Parameter`;

export function settingsFromContext(context: ContextReader): EssaimSettings {
  const stage = String(context('stage') ?? 'dev');
  if (stage !== 'dev' && stage !== 'prod')
    throw new Error(`Context "stage" must be dev or prod, not "${stage}"`);
  const mailDomain = String(context('mailDomain') ?? '');
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(mailDomain))
    throw new Error('Context "mailDomain" must be a domain name');

  // Defaults that depend on the mail domain; every other setting defaults in its declaration.
  const derived: Partial<Record<SettingName, string>> = {
    mailFrom: `ne-pas-repondre@${mailDomain}`,
    publicSiteUrl: `https://www.${mailDomain}`,
    contactRecipients: JSON.stringify({ '*': [`contact@${mailDomain}`] }),
  };
  const functionEnvironment: Record<string, string> = {};
  for (const [name, declaration] of Object.entries(settingDeclarations) as [
    SettingName,
    (typeof settingDeclarations)[SettingName],
  ][]) {
    if (!declaration.context) continue;
    const value =
      asText(context(declaration.context)) ?? derived[name] ?? (declaration.fallback || undefined);
    if (value === undefined) continue;
    // A mistake in the configuration fails the synth, not the first visitor.
    if (!declaration.schema.safeParse(value).success)
      throw new Error(`Context "${declaration.context}" is not valid for ${declaration.variable}`);
    functionEnvironment[declaration.variable] = value;
  }

  // IAM lets the functions send only as the mail domain's SES identity: any other sender would
  // pass the synth and fail every mail in AWS.
  const senderDomain = functionEnvironment.MAIL_FROM?.split('@')[1]?.toLowerCase() ?? '';
  const domain = mailDomain.toLowerCase();
  if (senderDomain !== domain && !senderDomain.endsWith(`.${domain}`))
    throw new Error(`Context "mailFrom" must be an address of the mail domain ${mailDomain}`);

  const secretParameters: Partial<Record<SecretName, string>> = {};
  for (const name of Object.keys(secretDeclarations) as SecretName[]) {
    const parameter = asText(context(secretParameterKey(name)));
    // The read token exists only for a private dataset: no parameter unless one is named.
    if (name === 'SANITY_READ_TOKEN' && !parameter) continue;
    secretParameters[name] = parameter ?? `/essaim/${stage}/${name.toLowerCase().replaceAll('_', '-')}`;
  }

  return {
    stage,
    mailDomain,
    ...pagesDomainFromContext(context),
    throttle: {
      rateLimit: Number(context('throttleRateLimit') ?? 50),
      burstLimit: Number(context('throttleBurstLimit') ?? 100),
    },
    alarmEmail: String(context('alarmEmail') ?? '') || undefined,
    functionEnvironment,
    corsOrigins: (functionEnvironment.CORS_ORIGINS ?? '').split(',').filter(Boolean),
    secretParameters,
  };
}

/** `pagesDomain` with `pagesCertificateArn`, both or neither: a wrong certificate fails the synth, not the deploy. */
function pagesDomainFromContext(context: ContextReader): { pagesDomain?: PagesDomain } {
  const domain = asText(context('pagesDomain'))?.trim().toLowerCase() || undefined;
  const certificate = asText(context('pagesCertificateArn'))?.trim() || undefined;
  if (!domain && !certificate) return {};
  if (!domain)
    throw new Error('Context "pagesCertificateArn" is given without "pagesDomain", the domain it certifies');
  if (!domainName.test(domain))
    throw new Error(
      `Context "pagesDomain" must be a domain name without scheme or path (like evenements.cress-exemple.fr), not "${domain}"`,
    );
  if (!certificate)
    throw new Error(
      `Context "pagesCertificateArn" is required with "pagesDomain": the ARN of an ACM certificate for ${domain} in us-east-1`,
    );
  const region = certificateArn.exec(certificate)?.[1];
  if (region === undefined)
    throw new Error(
      `Context "pagesCertificateArn" must be the ARN of an ACM certificate (arn:aws:acm:us-east-1:<account>:certificate/<id>), not "${certificate}"`,
    );
  if (region !== 'us-east-1')
    throw new Error(
      `Context "pagesCertificateArn" must name a certificate in us-east-1, not ${region}: CloudFront takes certificates from us-east-1 only (request or import one for ${domain} there)`,
    );
  return { pagesDomain: { domainName: domain, certificateArn: certificate } };
}

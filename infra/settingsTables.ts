import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretName } from '../functions/manifest.ts';
import { type SettingName, secretDeclarations, settingDeclarations } from '../functions/shared/settings.ts';
import { localFunctionEnvironment } from './local/localEnvironment.ts';
import { type EssaimSettings, secretParameterKey, settingsFromContext } from './settings.ts';

/**
 * The README's configuration tables, made from the declarations (`functions/shared/settings.ts`)
 * and from what the CDK stack and the local stack do with them: nothing here is kept by hand
 * but the meaning of the stack's own context values. `npm run -s settings:table` prints them;
 * `-- --write` puts them in the README between their markers; a unit test compares.
 */

const root = join(import.meta.dirname, '..');
export const readmePath = join(root, 'README.md');

/** Stand-ins turned back into placeholders in the tables. */
const mailDomainStandIn = 'mail-domain.placeholder';
const stageOfDefaults = 'dev';

/** What a deployment gets when `-c` gives nothing: cdk.json's context, with a placeholder mail domain. */
function deployedDefaults(): { settings: EssaimSettings; cdkJsonContext: Record<string, unknown> } {
  const cdkJsonContext = (
    JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
  ).context;
  const context: Record<string, unknown> = {
    ...cdkJsonContext,
    stage: stageOfDefaults,
    mailDomain: mailDomainStandIn,
  };
  return { settings: settingsFromContext((key) => context[key]), cdkJsonContext };
}

/** The local stack's environment with its default ports (`PORT`, `SES_PORT`…) and the Content Lake stand-in. */
const localEnvironment = () =>
  localFunctionEnvironment({
    apiUrl: 'http://127.0.0.1:3000',
    pagesUrl: 'http://localhost:8080',
    sesEndpoint: 'http://127.0.0.1:8005',
    dynamoDbEndpoint: 'http://127.0.0.1:8000',
    contentLakeUrl: 'http://127.0.0.1:8010',
  });

const placeholders = (text: string): string =>
  text
    .replaceAll(mailDomainStandIn, '<mailDomain>')
    .replaceAll(`/essaim/${stageOfDefaults}/`, '/essaim/<stage>/');

/** A value in a table cell: code, or `none` for an empty one. */
const value = (text: string | undefined): string =>
  text === undefined || text === '' ? 'none' : `\`${placeholders(text).replaceAll('|', '\\|')}\``;
const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A markdown table with its columns padded, as the README's other tables. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] as number)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Every function setting: variable, meaning, default, local default, CDK context key. */
export function settingsTable(): string {
  const { settings } = deployedDefaults();
  const local = localEnvironment();
  const rows = (
    Object.entries(settingDeclarations) as [SettingName, (typeof settingDeclarations)[SettingName]][]
  ).map(([, declaration]) => {
    const deployed = declaration.context ? settings.functionEnvironment[declaration.variable] : undefined;
    const byDefault =
      deployed !== undefined && deployed !== declaration.fallback
        ? `${value(declaration.fallback)}; deployed: ${value(deployed)}`
        : value(declaration.fallback);
    return [
      `\`${declaration.variable}\``,
      cell(declaration.description),
      byDefault,
      value(local[declaration.variable] ?? declaration.fallback),
      declaration.context ? `\`${declaration.context}\`` : '–',
    ];
  });
  return markdownTable(['variable', 'meaning', 'default', 'local stack', 'CDK context key'], rows);
}

/** Every secret: its meaning, the context key naming its SSM parameter, that parameter's default name, its local value. */
export function secretsTable(): string {
  const { settings } = deployedDefaults();
  const rows = (
    Object.entries(secretDeclarations) as [SecretName, (typeof secretDeclarations)[SecretName]][]
  ).map(([name, declaration]) => [
    `\`${name}\``,
    cell(declaration.description),
    `\`${secretParameterKey(name)}\``,
    settings.secretParameters[name] ? value(settings.secretParameters[name]) : 'none',
    value(declaration.local),
  ]);
  return markdownTable(
    ['secret', 'meaning', 'CDK context key of its SSM parameter', 'default parameter', 'local stack'],
    rows,
  );
}

/** The stack's own context values (the function settings' keys are in the settings table). */
const stackContext: readonly {
  key: string;
  meaning: string;
  byDefault: (settings: EssaimSettings, cdkJson: Record<string, unknown>) => string | undefined;
}[] = [
  {
    key: 'stage',
    meaning:
      '`dev` or `prod`; the stack is `Essaim-<stage>` and the secrets’ parameters default to `/essaim/<stage>/…`. In `prod` tables are retained and protected from deletion, and the pages’ bucket is retained; in `dev` the bucket is emptied and deleted with the stack',
    byDefault: (settings) => settings.stage,
  },
  {
    key: 'mailDomain',
    meaning:
      'Domain SES sends from: the stack creates its SES identity with the MAIL FROM domain `bounce.<mailDomain>` (publish the `DkimRecord1..3`, `MailFromMxRecord` and `MailFromSpfRecord` outputs in its DNS, and `DmarcRecord` once DKIM is verified); `mailFrom`, `siteUrl` and `contactRecipients` default from it',
    byDefault: (_, cdkJson) => String(cdkJson.mailDomain ?? ''),
  },
  {
    key: 'throttleRateLimit',
    meaning: 'API stage throttling: steady requests per second (API Gateway answers `429` above)',
    byDefault: (settings) => String(settings.throttle.rateLimit),
  },
  {
    key: 'throttleBurstLimit',
    meaning: 'API stage throttling: burst of requests',
    byDefault: (settings) => String(settings.throttle.burstLimit),
  },
  {
    key: 'alarmEmail',
    meaning: 'Address subscribed to the alarm topic (confirm the subscription AWS mails); none when empty',
    byDefault: (settings) => settings.alarmEmail,
  },
  {
    key: 'pagesDomain',
    meaning:
      'Domain of the hosted visitor pages (for example `evenements.cress-exemple.fr`): the CloudFront distribution answers it and `PAGES_URL` is `https://<pagesDomain>`; point its DNS (CNAME) at the `PagesDistributionDomain` output. None: the distribution’s own `*.cloudfront.net` address',
    byDefault: (settings) => settings.pagesDomain?.domainName,
  },
  {
    key: 'pagesCertificateArn',
    meaning:
      'ARN of an ACM certificate for `pagesDomain`, required with it; in `us-east-1`, the only region CloudFront takes certificates from',
    byDefault: (settings) => settings.pagesDomain?.certificateArn,
  },
];

export function stackContextTable(): string {
  const { settings, cdkJsonContext } = deployedDefaults();
  return markdownTable(
    ['context key', 'meaning', 'default'],
    stackContext.map((entry) => [
      `\`${entry.key}\``,
      entry.meaning,
      value(entry.byDefault(settings, cdkJsonContext)),
    ]),
  );
}

/** The README's generated blocks, by marker name. */
export const generatedBlocks = (): Record<string, string> => ({
  'settings-table': `${settingsTable()}\n\n${secretsTable()}`,
  'stack-context-table': stackContextTable(),
});

const markers = (name: string) => ({
  begin: `<!-- ${name}: generated from the declarations by \`npm run -s settings:table -- --write\` (infra/settingsTables.ts) -->`,
  end: `<!-- ${name}: end -->`,
});

/** A block's current text in the README, or undefined when its markers are missing. */
export function blockInReadme(readme: string, name: string): string | undefined {
  const { begin, end } = markers(name);
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  if (start < 0 || stop < start) return undefined;
  return readme.slice(start + begin.length, stop).trim();
}

/** The README with every generated block replaced (the markers must be there). */
export function withGeneratedBlocks(readme: string): string {
  let text = readme;
  for (const [name, block] of Object.entries(generatedBlocks())) {
    const { begin, end } = markers(name);
    const start = text.indexOf(begin);
    const stop = text.indexOf(end);
    if (start < 0 || stop < start) throw new Error(`README.md has no ${begin} … ${end} markers`);
    text = `${text.slice(0, start + begin.length)}\n\n${block}\n\n${text.slice(stop)}`;
  }
  return text;
}

/** The markers with a block, for pasting into the README the first time. */
export const blockWithMarkers = (name: string, block: string): string =>
  `${markers(name).begin}\n\n${block}\n\n${markers(name).end}`;

import { features } from './features.ts';
import {
  type Access,
  type FeatureManifest,
  type FunctionDeclaration,
  grantedAccess,
  type RouteDeclaration,
  type ScheduleDeclaration,
  type StreamWorkerDeclaration,
  type TableDefinition,
  type TopicDefinition,
  type TopicPublisher,
  type TopicSubscriberDeclaration,
} from './manifest.ts';
import { matchPath } from './shared/http/pathMatching.ts';

/**
 * The central lists, concatenated from the features' manifests: what the CDK stack deploys,
 * what the local stack runs and what the OpenAPI document describes. Nothing here is kept by
 * hand: a feature declares itself in its folder.
 */
type Feature = (typeof features)[number];
/** The name of a table some feature owns. */
export type TableName = Feature extends infer F
  ? F extends { tables: infer T }
    ? keyof T & string
    : never
  : never;

/** The name of a topic some feature owns. */
export type TopicName = Feature extends infer F
  ? F extends { topics: infer T }
    ? keyof T & string
    : never
  : never;

/** A function as deployed: its declaration, its handler module (under `functions/`) and its feature. */
export interface DeployedFunction extends FunctionDeclaration {
  readonly feature: string;
  /** Module under `functions/` exporting `handler`: `<feature folder>/<function name>.ts`. */
  readonly handler: string;
  /** What it is granted: its manifest's access and what that implies (`grantedAccess`). */
  readonly access: Access;
}
export type HttpRoute = DeployedFunction & RouteDeclaration;
export type StreamWorker = DeployedFunction & StreamWorkerDeclaration & { readonly table: TableName };
export type ScheduledWorker = DeployedFunction & ScheduleDeclaration;
export type TopicSubscriber = DeployedFunction & TopicSubscriberDeclaration & { readonly topic: TopicName };

const manifests: readonly FeatureManifest[] = features;

const deployed = <D extends FunctionDeclaration>(feature: FeatureManifest, declaration: D) => ({
  ...declaration,
  feature: feature.folder,
  handler: `${feature.folder}/${declaration.name}.ts`,
  access: grantedAccess(declaration.access ?? {}),
});

export const tables = Object.fromEntries(
  manifests.flatMap((feature) => Object.entries(feature.tables ?? {})),
) as Record<TableName, TableDefinition>;

export const httpRoutes: readonly HttpRoute[] = manifests.flatMap((feature) =>
  (feature.routes ?? []).map((route) => deployed(feature, route)),
);

export const streamWorkers: readonly StreamWorker[] = manifests.flatMap((feature) =>
  (feature.streamWorkers ?? []).map((worker) => deployed(feature, worker) as StreamWorker),
);

export const scheduledWorkers: readonly ScheduledWorker[] = manifests.flatMap((feature) =>
  (feature.schedules ?? []).map((schedule) => deployed(feature, schedule)),
);

export const topics = Object.fromEntries(
  manifests.flatMap((feature) => Object.entries(feature.topics ?? {})),
) as Record<TopicName, TopicDefinition>;

/** The topics AWS (or, locally, its stand-in) publishes to as `publisher`. */
export const topicsPublishedBy = (publisher: TopicPublisher): TopicName[] =>
  (Object.entries(topics) as [TopicName, TopicDefinition][])
    .filter(([, topic]) => topic.publishedBy === publisher)
    .map(([name]) => name);

export const topicSubscribers: readonly TopicSubscriber[] = manifests.flatMap((feature) =>
  (feature.topicSubscribers ?? []).map((subscriber) => deployed(feature, subscriber) as TopicSubscriber),
);

const fallbacks = manifests.flatMap((feature) =>
  feature.fallback ? [deployed(feature, feature.fallback)] : [],
);
if (fallbacks.length !== 1)
  throw new Error(`Exactly one feature answers unmatched requests, not ${fallbacks.length}`);
/** Answers every request no route matches (`$default` in API Gateway). */
export const fallbackRoute: DeployedFunction = fallbacks[0] as DeployedFunction;

/** Every function of every kind. */
export const deployedFunctions: readonly DeployedFunction[] = [
  ...httpRoutes,
  fallbackRoute,
  ...streamWorkers,
  ...scheduledWorkers,
  ...topicSubscribers,
];

/** Construct id of a table in the CDK stack (and base of its local name): `ContactMessages`. */
export const tableConstructId = (table: TableName): string => table.charAt(0).toUpperCase() + table.slice(1);

/** Construct id of a topic in the CDK stack (and base of its local name): `MailEventsTopic`. */
export const topicConstructId = (topic: TopicName): string =>
  `${topic.charAt(0).toUpperCase()}${topic.slice(1)}Topic`;

/** Problems with the manifests that types cannot catch: duplicate names, unknown tables. */
export function catalogueProblems(): string[] {
  const problems: string[] = [];
  const tableNames = manifests.flatMap((feature) => Object.keys(feature.tables ?? {}));
  for (const name of new Set(tableNames.filter((name, index) => tableNames.indexOf(name) !== index)))
    problems.push(`Table ${name} is owned by two features`);
  const names = deployedFunctions.map((fn) => fn.name);
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index)))
    problems.push(`Function name ${name} is declared twice`);
  const routeKeys = httpRoutes.map((route) => `${route.method} ${route.path}`);
  for (const key of new Set(routeKeys.filter((key, index) => routeKeys.indexOf(key) !== index)))
    problems.push(`Route ${key} is declared twice`);
  for (const fn of deployedFunctions) {
    for (const table of Object.keys(fn.access.tables ?? {}))
      if (!Object.hasOwn(tables, table))
        problems.push(`${fn.name} uses table ${table}, which no feature owns`);
    for (const [table, indexes] of Object.entries(fn.access.indexes ?? {}))
      for (const index of indexes)
        if (!Object.hasOwn(tables, table) || !Object.hasOwn(tables[table as TableName].indexes ?? {}, index))
          problems.push(`${fn.name} queries index ${index} of ${table}, which has none of that name`);
  }
  for (const worker of streamWorkers) {
    if (!Object.hasOwn(tables, worker.table) || !tables[worker.table].stream)
      problems.push(`${worker.name} reads the stream of ${worker.table}, which has none`);
  }
  const topicNames = manifests.flatMap((feature) => Object.keys(feature.topics ?? {}));
  for (const name of new Set(topicNames.filter((name, index) => topicNames.indexOf(name) !== index)))
    problems.push(`Topic ${name} is owned by two features`);
  for (const subscriber of topicSubscribers)
    if (!Object.hasOwn(topics, subscriber.topic))
      problems.push(`${subscriber.name} subscribes to topic ${subscriber.topic}, which no feature owns`);
  // Every SES configuration set has one event destination: one topic receives SES's events.
  if (topicsPublishedBy('sesEvents').length > 1) problems.push('More than one topic receives SES events');
  return problems;
}

/** The routes whose path matches, whatever their method (for 404 versus 405). */
export function routesForPath(path: string): { route: HttpRoute; pathParameters: Record<string, string> }[] {
  return httpRoutes.flatMap((route) => {
    const pathParameters = matchPath(route.path, path);
    return pathParameters ? [{ route, pathParameters }] : [];
  });
}

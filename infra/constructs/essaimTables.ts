import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type ITableV2,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type TableName, tableConstructId, tables } from '../../functions/catalogue.ts';
import type { TableDefinition } from '../../functions/manifest.ts';

/**
 * One DynamoDB table per table a feature owns: on demand, point-in-time recovery, KMS
 * encryption, TTL, a `NEW_AND_OLD_IMAGES` stream where workers read it, its keys-only indexes; kept and protected
 * from deletion in production.
 */
export class EssaimTables extends Construct {
  readonly byName: Readonly<Record<TableName, ITableV2>>;

  constructor(scope: Construct, id: string, props: { readonly production: boolean }) {
    super(scope, id);
    const entries = (Object.entries(tables) as [TableName, TableDefinition][]).map(([name, definition]) => [
      name,
      // Created in the stack's scope: the logical ids stay those of the tables' first deploy.
      new TableV2(scope, tableConstructId(name), {
        partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
        ...(definition.sortKey ? { sortKey: { name: definition.sortKey, type: AttributeType.STRING } } : {}),
        billing: Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryptionV2.awsManagedKey(),
        timeToLiveAttribute: definition.timeToLiveAttribute,
        ...(definition.stream ? { dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES } : {}),
        globalSecondaryIndexes: Object.entries(definition.indexes ?? {}).map(([indexName, index]) => ({
          indexName,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        })),
        deletionProtection: props.production,
        removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      }),
    ]);
    this.byName = Object.fromEntries(entries) as Record<TableName, ITableV2>;
  }
}

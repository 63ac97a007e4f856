import { randomUUID } from 'node:crypto';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { deployedFunctions } from '../../functions/catalogue.ts';
import type { SecretName } from '../../functions/manifest.ts';
import { dynamoDbClient, sesBulkClient, sesClient } from '../../functions/shared/aws.ts';
import { guardSecretReads } from '../../functions/shared/secrets.ts';
import {
  accessDeniedMessage,
  firstDenied,
  type GuardedService,
  type RequiredPermission,
  requiredPermissions,
} from './accessRules.ts';
import { currentInvocation } from './functionContext.ts';
import { localRegion } from './localEnvironment.ts';

/** A refusal of the local access guard, for whoever wants to hear of it (the stack's log, tests). */
export interface AccessDenial {
  /** The function that was refused; absent for an SDK call made outside any invocation. */
  readonly functionName?: string;
  readonly permission: RequiredPermission;
  readonly error: Error;
}

const listeners = new Set<(denial: AccessDenial) => void>();

/** Calls `listener` at every refusal; answers a function that stops it. */
export function onAccessDenied(listener: (denial: AccessDenial) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Args = { readonly input: object };
type Next = (args: Args) => Promise<unknown>;
type GuardMiddleware = (next: Next, context: { readonly commandName?: string }) => Next;
interface GuardableClient {
  readonly middlewareStack: {
    add(middleware: GuardMiddleware, options: { step: 'initialize'; priority: 'high'; name: string }): void;
  };
}

/** Stacks already guarded: `DynamoDBDocumentClient.from(client)` shares its client's stack. */
const guardedStacks = new WeakSet<object>();

/**
 * Adds to an SDK client the check IAM makes in AWS: every command is refused, with IAM's own
 * error (`AccessDeniedException`, a client fault, HTTP 400), unless the manifest of the
 * function running it grants the action on that resource. It runs first (initialize step), so
 * a refusal is never retried and nothing reaches the emulator.
 */
export function guardClient(client: GuardableClient, service: GuardedService): void {
  if (guardedStacks.has(client.middlewareStack)) return;
  guardedStacks.add(client.middlewareStack);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const permissions = requiredPermissions(service, operation, args.input as Record<string, unknown>);
      const invocation = currentInvocation();
      const denied = invocation ? firstDenied(invocation.function.access, permissions) : permissions[0];
      if (!denied) return next(args);
      const message = invocation
        ? accessDeniedMessage(invocation.function.name, denied)
        : `No function is running: the local stack refuses ${denied.action} on ${denied.resource} from code outside an invocation (the API server, the stream poller and the schedules run each one inside runAsFunction)`;
      const error = accessDeniedException(service, message);
      const denial = {
        permission: denied,
        error,
        ...(invocation ? { functionName: invocation.function.name } : {}),
      };
      for (const listener of listeners) listener(denial);
      throw error;
    },
    { step: 'initialize', priority: 'high', name: 'essaimLocalAccessGuard' },
  );
}

/** IAM's refusal as the SDK raises it: the service's exception class, named AccessDeniedException. */
function accessDeniedException(service: GuardedService, message: string): Error {
  const options = {
    name: 'AccessDeniedException',
    $fault: 'client' as const,
    $metadata: { httpStatusCode: 400, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 },
    message,
  };
  return service === 'dynamodb' ? new DynamoDBServiceException(options) : new SESv2ServiceException(options);
}

/**
 * Guards the clients the functions share (`functions/shared/aws.ts`): the DynamoDB client, its
 * document client and Powertools idempotency (both use that client), and the SES client.
 * Call it once the functions' environment is set (the clients read their endpoints then).
 */
export function guardFunctionClients(): void {
  guardClient(dynamoDbClient() as unknown as GuardableClient, 'dynamodb');
  guardClient(sesClient() as unknown as GuardableClient, 'ses');
  guardClient(sesBulkClient() as unknown as GuardableClient, 'ses');
  guardSecretReads(checkSecretRead);
}

/**
 * The check IAM makes on `ssm:GetParameter`: a function reads only the secrets its manifest
 * names (and the Sanity read token if it reads content). Locally every secret is in the one
 * process's environment, so without this a forgotten declaration would only fail in AWS.
 */
function checkSecretRead(name: SecretName): void {
  const invocation = currentInvocation();
  const access = invocation?.function.access;
  if (
    access &&
    ((access.secrets ?? []).includes(name) || (name === 'SANITY_READ_TOKEN' && access.readsContent))
  )
    return;
  const permission = {
    action: 'ssm:GetParameter',
    resource: `arn:aws:ssm:${localRegion}:000000000000:parameter/essaim/local/${name.toLowerCase().replaceAll('_', '-')}`,
  } as RequiredPermission;
  const message = invocation
    ? accessDeniedMessage(invocation.function.name, permission)
    : `No function is running: the local stack refuses ssm:GetParameter of ${name} from code outside an invocation`;
  const error = Object.assign(new Error(message), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 },
  });
  const denial = { permission, error, ...(invocation ? { functionName: invocation.function.name } : {}) };
  for (const listener of listeners) listener(denial);
  throw error;
}

/** Says in the stack's log what the manifest lacks, once per function and permission. */
const reported = new Set<string>();
export function reportAccessDenial({
  functionName,
  permission,
}: {
  functionName?: string;
  permission: { action: string; resource: string };
}): void {
  const key = `${functionName}\u0000${permission.action}\u0000${permission.resource}`;
  if (reported.has(key)) return;
  reported.add(key);
  const fn = deployedFunctions.find((candidate) => candidate.name === functionName);
  console.error(
    fn
      ? `essaim: access denied: ${fn.name} may not ${permission.action} on ${permission.resource}; declare it in its access in functions/${fn.feature}/manifest.ts (as IAM refuses it in AWS)`
      : `essaim: access denied: ${permission.action} on ${permission.resource} outside any function's invocation`,
  );
}

import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { requestUrl, toApiGatewayEvent } from '../../infra/local/apiGatewayEvent.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { type DemoEvent, useLocalFunctionEnvironment } from './support.ts';

type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What an in-process call answers, its body parsed. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/**
 * A route's handler run in this process against the test stack's DynamoDB Local (its stream
 * workers, in the stack, do the rest), with the request translated exactly as the local API
 * Gateway does, from a connection of `sourceIp`: the rate limits see the clients a test names,
 * at their real values (the stack's own, for its single client 127.0.0.1, are raised).
 */
export async function inProcessRoute(load: () => Promise<unknown>, routeKey: string) {
  // Before the import: a function reads its configuration when it loads, as in Lambda.
  useLocalFunctionEnvironment();
  const { handler } = (await load()) as { handler: HttpLambda };
  const [method = 'GET', pattern = '/'] = routeKey.split(' ');
  return async (request: {
    readonly sourceIp: string;
    readonly pathParameters?: Record<string, string>;
    readonly body?: unknown;
    readonly headers?: Record<string, string>;
  }): Promise<Answer> => {
    const path = pattern.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(request.pathParameters?.[name] ?? ''),
    );
    const domainName = '127.0.0.1:3100';
    const event = toApiGatewayEvent(
      {
        headers: { 'content-type': 'application/json', ...request.headers },
        httpVersion: '1.1',
        socket: { remoteAddress: request.sourceIp },
      },
      {
        url: requestUrl(path, domainName) as URL,
        method,
        body: Buffer.from(request.body === undefined ? '' : JSON.stringify(request.body)),
        routeKey,
        pathParameters: request.pathParameters,
        domainName,
        requestId: randomUUID(),
      },
    );
    const result = await handler(event, lambdaContext(routeKey));
    return {
      status: result.statusCode ?? 200,
      headers: Object.fromEntries(
        Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
      ),
      body: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {},
    };
  };
}

/** Runs `work` with the functions of this process at another time (`ESSAIM_NOW`). */
export async function atTime<T>(iso: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.ESSAIM_NOW;
  process.env.ESSAIM_NOW = iso;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.ESSAIM_NOW;
    else process.env.ESSAIM_NOW = before;
  }
}

/** The test stack's clock (`ESSAIM_NOW` of `test/support/localStackProcess.ts`). */
export const stackNow = '2027-10-20T08:00:00.000Z';

/**
 * Whether a demo event takes registrations at once, without confirmation by e-mail: its
 * organiser's choice, or by default when places are unlimited (`registrationState`).
 */
export const registersAtOnce = (event: DemoEvent): boolean => {
  const { capacity, confirmationRequired } = event.registration as DemoEvent['registration'] & {
    confirmationRequired?: boolean;
  };
  return !(confirmationRequired ?? capacity !== undefined);
};

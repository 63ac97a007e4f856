import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The API's own base URL, as API Gateway names it (its domain name, never the request's
 * `Host` header; the local server gives its own address the same way).
 */
export const apiBaseUrl = (event: APIGatewayProxyEventV2): string =>
  `${event.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https'}://${event.requestContext.domainName}`;

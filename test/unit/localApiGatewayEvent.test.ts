import { describe, expect, it } from 'vitest';
import { type IncomingRequest, requestUrl, toApiGatewayEvent } from '../../infra/local/apiGatewayEvent.ts';

const domainName = '127.0.0.1:3000';
const eventFor = (target: string, headers: IncomingRequest['headers'] = {}, remoteAddress = '127.0.0.1') => {
  const url = requestUrl(target, domainName);
  if (!url) throw new Error(`unreadable target ${target}`);
  return toApiGatewayEvent(
    { headers, httpVersion: '1.1', socket: { remoteAddress } },
    { url, method: 'GET', body: Buffer.alloc(0), routeKey: '$default', domainName, requestId: 'r-1' },
  );
};

describe('local API Gateway event', () => {
  it('names the server’s own address as domain name, whatever Host the client sent', () => {
    const event = eventFor('/events', { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    expect(event.requestContext.domainName).toBe(domainName);
    expect(event.requestContext.requestId).toBe('r-1');
  });

  it('passes query parameters named like Object.prototype members as plain data', () => {
    const event = eventFor('/events?constructor=x&__proto__=y&toString=z&region=53&region=11');
    const query = event.queryStringParameters ?? {};
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(Object.keys(query).sort()).toEqual(['__proto__', 'constructor', 'region', 'toString']);
    expect(Object.getOwnPropertyDescriptor(query, 'constructor')?.value).toBe('x');
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toBe('y');
    expect(query.region).toBe('53,11');
    // Only what the client sent: no parameter appears from the prototype.
    expect(eventFor('/events?region=53').queryStringParameters).toEqual({ region: '53' });
    expect(Object.hasOwn(eventFor('/events?region=53').queryStringParameters ?? {}, 'constructor')).toBe(
      false,
    );
  });

  it('does the same for headers, and adds what API Gateway adds', () => {
    const event = eventFor('/events', { constructor: 'a', __proto__: 'b', 'user-agent': 'curl' } as never);
    expect(Object.getOwnPropertyDescriptor(event.headers, 'constructor')?.value).toBe('a');
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.requestContext.http.userAgent).toBe('curl');
    expect(eventFor('/events').headers['content-type']).toBeUndefined();
  });

  it('takes the client’s address from the connection, never from a header the client wrote', () => {
    const spoofed = eventFor('/contact', { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' });
    expect(spoofed.requestContext.http.sourceIp).toBe('127.0.0.1');
    // The claim stays a claim, followed by the connection's address, as API Gateway appends it.
    expect(spoofed.headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    // A dual-stack socket's IPv4-mapped address is the IPv4 address; IPv6 stays IPv6.
    expect(eventFor('/contact', {}, '::ffff:192.0.2.10').requestContext.http.sourceIp).toBe('192.0.2.10');
    expect(eventFor('/contact', {}, '2001:db8::1').requestContext.http.sourceIp).toBe('2001:db8::1');
  });

  it('reads a request target as a path, never as another host', () => {
    expect(requestUrl('//evil.example/events', domainName)?.pathname).toBe('//evil.example/events');
    expect(requestUrl('/events/%E0%A4%A', domainName)?.pathname).toBe('/events/%E0%A4%A');
    expect(requestUrl('/events?q=a%20b', domainName)?.searchParams.get('q')).toBe('a b');
  });
});

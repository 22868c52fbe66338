// TRUST_PROXY: which X-Forwarded-For hops are believed. Pure parsing and address choice, on
// request-shaped objects (the rule needs nothing but the peer address and the header).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from './trust-proxy.ts';

function request(remoteAddress: string, forwarded?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  } as unknown as IncomingMessage;
}

describe('TRUST_PROXY', () => {
  it('by default believes X-Forwarded-For from loopback only', () => {
    const trust = parseTrustProxy(undefined);
    expect(clientAddress(request('127.0.0.1', '198.51.100.4'), trust)).toBe('198.51.100.4');
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.4'), trust)).toBe('198.51.100.4');
    expect(clientAddress(request('203.0.113.9', '198.51.100.4'), trust)).toBe('203.0.113.9');
  });

  it('walks past every listed proxy to the first address that is not one', () => {
    const trust = parseTrustProxy('10.0.0.0/8, 192.0.2.7');
    // A forged first entry stays behind the real client, which the trusted proxy appended.
    expect(clientAddress(request('10.1.2.3', '6.6.6.6, 198.51.100.4, 192.0.2.7'), trust)).toBe('198.51.100.4');
    expect(clientAddress(request('203.0.113.9', '198.51.100.4'), trust)).toBe('203.0.113.9');
  });

  it('takes a hop count literally', () => {
    const trust = parseTrustProxy('2');
    expect(clientAddress(request('10.0.0.1', '6.6.6.6, 198.51.100.4, 10.0.0.2'), trust)).toBe('198.51.100.4');
    expect(clientAddress(request('10.0.0.1'), trust)).toBe('10.0.0.1');
  });

  it('trusts nobody with "none"', () => {
    expect(clientAddress(request('127.0.0.1', '198.51.100.4'), parseTrustProxy('none'))).toBe('127.0.0.1');
  });

  it('refuses a malformed entry with a readable error', () => {
    expect(() => parseTrustProxy('10.0.0.0/8, proxy.example')).toThrow(/"proxy\.example" is not an address or CIDR/);
    expect(() => parseTrustProxy('10.0.0.0/40')).toThrow(/too long a prefix/);
  });
});

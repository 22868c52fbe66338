// Which peers may tell us the client's address in X-Forwarded-For (TRUST_PROXY). The address
// keys the anonymous query budget and sign-in throttling, so a forged header must not be
// believed: by default only loopback (the web app's own server-side calls and a reverse proxy
// on the same machine) is trusted.
//
//   TRUST_PROXY=loopback                 the default
//   TRUST_PROXY=10.0.0.0/8,192.0.2.7     these proxies (addresses or CIDRs; "loopback" may be listed too)
//   TRUST_PROXY=2                        exactly this many proxies in front, whatever their address
//   TRUST_PROXY=none                     nobody: the socket's peer is the client
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export type TrustProxy = { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList };

function plain(address: string): string {
  // IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function addLoopback(list: BlockList): void {
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
}

/** Parses TRUST_PROXY; throws a readable error on a malformed entry. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? 'loopback').trim();
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  if (text === '' || text === 'none' || text === 'false') return { kind: 'list', list };
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry === 'loopback') {
      addLoopback(list);
      continue;
    }
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(plain(address));
    if (family === 0 || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an address or CIDR (expected e.g. 10.0.0.0/8, ::1, loopback, none or a hop count)`,
      );
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUST_PROXY: "${entry}" has too long a prefix`);
    list.addSubnet(plain(address), prefix, type);
  }
  return { kind: 'list', list };
}

export const DEFAULT_TRUST_PROXY: TrustProxy = parseTrustProxy('loopback');

function trusted(list: BlockList, address: string): boolean {
  const ip = plain(address);
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: walking X-Forwarded-For from the nearest hop outwards, past every
 * trusted proxy, to the first address that is not one (or the given number of hops).
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy = DEFAULT_TRUST_PROXY): string {
  const remote = plain(req.socket.remoteAddress ?? 'unknown');
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const chain = [...forwarded, remote];
  if (trust.kind === 'hops') return plain(chain[Math.max(0, chain.length - 1 - trust.hops)]!);
  let index = chain.length - 1;
  while (index > 0 && trusted(trust.list, chain[index]!)) index -= 1;
  return plain(chain[index]!);
}

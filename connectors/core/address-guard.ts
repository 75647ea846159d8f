import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { ConnectorError } from './errors';

/**
 * Server-side request forgery guard. A merchant types any URL; without this, a URL (or a
 * redirect, or a DNS answer that changes between check and use) could make us read an
 * internal service or the cloud metadata endpoint. The check runs when each socket is
 * opened, on the address actually dialled, so every redirect hop and every DNS answer
 * goes through it.
 */

/** Addresses refused even if a future ipaddr.js release ever classed them as public. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', 'fd00:ec2::23']);

export const FORBIDDEN_ADDRESS_CODE = 'EVITRINES_FORBIDDEN_ADDRESS';

/** True when the address is not a public unicast one (loopback, private, link-local, CGNAT, ULA, metadata…). */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return true;
  let ip = ipaddr.parse(bare);
  // ::ffff:127.0.0.1 is 127.0.0.1 to the kernel.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (METADATA_ADDRESSES.has(ip.toNormalizedString()) || METADATA_ADDRESSES.has(ip.toString())) return true;
  // Everything but plain global unicast is refused: loopback, private, linkLocal,
  // carrierGradeNat, uniqueLocal, multicast, reserved, and the IPv6 transition ranges
  // (6to4, Teredo, NAT64) that can smuggle a private IPv4 address.
  return ip.range() !== 'unicast';
}

export function forbiddenAddressError(host: string, address?: string): ConnectorError {
  const shown = address && address !== host ? `${host} (${address})` : host;
  const err = new ConnectorError('forbidden_address', `Refused to connect to ${shown}: not a public Internet address`);
  (err as ConnectorError & { code: string }).code = FORBIDDEN_ADDRESS_CODE;
  return err;
}

/** Which addresses a client refuses; replaceable so tests can open one loopback address and no other. */
export type AddressPolicy = (address: string) => boolean;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup that refuses the whole answer when any address in it is forbidden. */
function guardedLookup(forbidden: AddressPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => forbidden(a.address));
      if (bad || list.length === 0) return callback(forbiddenAddressError(hostname, bad?.address) as unknown as NodeJS.ErrnoException, '');
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** A socket that fails on the next tick: how an agent refuses a connection without throwing. */
function refusedSocket(error: Error): net.Socket {
  const socket = new net.Socket();
  process.nextTick(() => socket.destroy(error));
  return socket;
}

function guardOptions<T extends { host?: string | null; hostname?: string | null; lookup?: unknown }>(options: T, forbidden: AddressPolicy): T | Error {
  const host = String(options.hostname ?? options.host ?? '').replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return forbidden(host) ? forbiddenAddressError(host) : options;
  return { ...options, lookup: guardedLookup(forbidden) };
}

class GuardedHttpAgent extends http.Agent {
  constructor(
    options: http.AgentOptions,
    private readonly forbidden: AddressPolicy,
  ) {
    super(options);
  }

  createConnection(options: net.NetConnectOpts, callback?: (err: Error | null, socket: net.Socket) => void): net.Socket {
    const guarded = guardOptions(options as net.TcpNetConnectOpts, this.forbidden);
    if (guarded instanceof Error) return refusedSocket(guarded);
    // @ts-expect-error Agent.createConnection exists at run time but is not in the type definitions.
    return super.createConnection(guarded, callback);
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly forbidden: AddressPolicy,
  ) {
    super(options);
  }

  createConnection(options: net.NetConnectOpts, callback?: (err: Error | null, socket: net.Socket) => void): net.Socket {
    const guarded = guardOptions(options as net.TcpNetConnectOpts, this.forbidden);
    if (guarded instanceof Error) return refusedSocket(guarded);
    // @ts-expect-error Agent.createConnection exists at run time but is not in the type definitions.
    return super.createConnection(guarded, callback);
  }
}

/**
 * The agents one client uses for every hop. With `allowPrivateHosts` (demo, tests) they
 * are plain agents. keepAlive saves a TLS handshake per page on long catalogues.
 */
export function createAgents(
  allowPrivateHosts: boolean,
  forbidden: AddressPolicy = isForbiddenAddress,
): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const agentOptions = { keepAlive: true, maxSockets: 16 };
  if (allowPrivateHosts) return { httpAgent: new http.Agent(agentOptions), httpsAgent: new https.Agent(agentOptions) };
  return { httpAgent: new GuardedHttpAgent(agentOptions, forbidden), httpsAgent: new GuardedHttpsAgent(agentOptions, forbidden) };
}

/** Early refusal of an IP-literal URL, before any socket: same rule, clearer stack. */
export function checkUrlHost(url: URL, allowPrivateHosts: boolean, forbidden: AddressPolicy = isForbiddenAddress): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorError('invalid_source', `Only http and https addresses are read (got ${url.protocol})`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivateHosts && net.isIP(host) && forbidden(host)) throw forbiddenAddressError(host);
}

import ipaddr from 'ipaddr.js';

/** Where the broker may send a request: public https endpoints, and loopback only when the config says so. */
export interface EgressPolicy {
  /** The local runtime's own setting (`egress.allowLoopback`): vendor webhooks on this machine. */
  allowLoopback: boolean;
}

// Names that resolve only inside a network (RFC 6761, RFC 6762, RFC 8375, the clouds' metadata names).
const INTERNAL_SUFFIXES = [
  'localhost',
  'local',
  'localdomain',
  'internal',
  'intranet',
  'private',
  'corp',
  'home',
  'lan',
  'home.arpa',
  'in-addr.arpa',
  'ip6.arpa',
  'invalid',
  'onion',
  'alt',
];

/**
 * Why the broker must not send to this URL, or undefined when it may: https only (http just on loopback, when
 * allowed), no user name or password in it, a host that is neither a name only an internal network resolves
 * nor an IP literal outside the public unicast ranges — in any notation, since the URL parser turns
 * `2130706433`, `0x7f.1` and `0177.0.0.1` into 127.0.0.1 first. The addresses a name resolves to are
 * checked again when connecting (see addressIssue).
 */
export function outboundUrlIssue(value: string, policy: EgressPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  const literal = ipaddr.isValid(host) ? host : undefined;
  const loopback = literal ? ipaddr.process(literal).range() === 'loopback' : isLocalhost(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && policy.allowLoopback))
    return 'must be an https URL';
  if (literal) return addressIssue(literal, policy);
  if (loopback) return policy.allowLoopback ? undefined : 'names this machine (localhost), not a public host';
  if (!host.includes('.')) return `names ${host}, a host only an internal network resolves`;
  const internal = INTERNAL_SUFFIXES.find((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  if (internal) return `names a host under .${internal}, which only an internal network resolves`;
  return undefined;
}

/** Why the broker must not connect to this IP address (however it is written), or undefined when it may. */
export function addressIssue(address: string, policy: EgressPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'loopback') return policy.allowLoopback ? undefined : `${parsed} is a loopback address`;
  if (range !== 'unicast' || !isGlobalUnicast(parsed))
    return `${parsed} is not a public address (${range === 'unicast' ? 'special-purpose' : range})`;
  return undefined;
}

const isLocalhost = (host: string) => host === 'localhost' || host.endsWith('.localhost');

// Ranges ipaddr.js calls unicast that are still not the public internet (RFC 6890, RFC 9637).
const SPECIAL_IPV4 = [ipaddr.parseCIDR('198.18.0.0/15')];
const GLOBAL_IPV6 = ipaddr.parseCIDR('2000::/3');
const SPECIAL_IPV6 = [ipaddr.parseCIDR('2001::/23'), ipaddr.parseCIDR('3fff::/20')];

function isGlobalUnicast(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() === 'ipv4') return !SPECIAL_IPV4.some((cidr) => address.match(cidr));
  return address.match(GLOBAL_IPV6) && !SPECIAL_IPV6.some((cidr) => address.match(cidr));
}

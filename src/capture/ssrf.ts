import ipaddr from 'ipaddr.js';
import { CorroborateError } from '../errors.ts';

/**
 * Why an address is not public, or null when it is. Loopback, private (10/8, 172.16/12, 192.168/16),
 * link-local (169.254/16, fe80::/10), unique-local (fc00::/7), carrier-grade NAT, multicast,
 * unspecified, reserved and documentation ranges are all refused; IPv4-mapped and other
 * IPv4-embedding IPv6 forms are judged by the IPv4 address inside them.
 */
export function nonPublicReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return 'not an IP address';
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return nonPublicReason(v6.toIPv4Address().toString());
    const range = v6.range();
    if (range === 'rfc6145' || range === 'rfc6052' || range === '6to4' || range === 'teredo') {
      return `${range} (IPv4-embedding) address`;
    }
    return range === 'unicast' ? null : `${rangeName(range)} address`;
  }
  const range = (parsed as ipaddr.IPv4).range();
  return range === 'unicast' ? null : `${rangeName(range)} address`;
}

function rangeName(range: string): string {
  switch (range) {
    case 'loopback':
      return 'loopback';
    case 'private':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    case 'uniqueLocal':
      return 'unique-local';
    case 'carrierGradeNat':
      return 'carrier-grade NAT';
    default:
      return range;
  }
}

/**
 * Throws `ssrf_refused` unless `address` (an IP literal, typically just resolved by DNS) is a public
 * unicast address, or `allowPrivate` is set, or it is listed in `allowAddresses`.
 * Shared by URL capture and the HTTP API so both refuse the same addresses.
 *
 * @param label names the URL or host in the message.
 * @example
 * assertPublicAddress('10.0.0.5', 'http://intranet.example/'); // throws: refused: private address 10.0.0.5
 */
export function assertPublicAddress(
  address: string,
  label: string,
  options: { readonly allowPrivate?: boolean; readonly allowAddresses?: readonly string[] } = {},
): void {
  if (options.allowPrivate === true) return;
  if (options.allowAddresses?.some((a) => sameAddress(a, address)) === true) return;
  const reason = nonPublicReason(address);
  if (reason !== null) {
    throw new CorroborateError(
      'ssrf_refused',
      `${label}: refused: ${reason} ${address} (use --allow-private to capture from internal hosts)`,
    );
  }
}

function sameAddress(a: string, b: string): boolean {
  try {
    return ipaddr.process(a).toString() === ipaddr.process(b.replace(/^\[|\]$/g, '')).toString();
  } catch {
    return false;
  }
}

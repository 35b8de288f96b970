import os from 'node:os';

/**
 * Whether a QR code with this address opens on nobody's phone but this machine's: loopback
 * (localhost, 127.0.0.0/8, ::1, 0.0.0.0) or a `.local` name that most Android phones do not
 * resolve. A newcomer's first poster must not look ready while it encodes one of these.
 */
export function isLocalOnly(publicUrl: string): boolean {
  let host: string;
  try {
    host = new URL(publicUrl).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '0.0.0.0' || host === '::';
}

/** This machine's addresses that another device on the network may reach: IPv4 first, no loopback or link-local. */
export function lanAddresses(interfaces = os.networkInterfaces()): string[] {
  const all = Object.values(interfaces).flatMap((list) => list ?? []).filter((i) => !i.internal);
  const v4 = all.filter((i) => i.family === 'IPv4' && !i.address.startsWith('169.254.')).map((i) => i.address);
  const v6 = all.filter((i) => i.family === 'IPv6' && !/^fe[89ab]/i.test(i.address)).map((i) => i.address);
  return [...new Set([...v4, ...v6])];
}

/** The PUBLIC_URL a phone on the same network would reach, for this machine's first address. */
export function suggestedPublicUrl(port: number, addresses = lanAddresses()): string | null {
  const first = addresses[0];
  if (!first) return null;
  return `http://${first.includes(':') ? `[${first}]` : first}:${port}`;
}

export interface PublicUrlWarning { url: string; suggestion: string | null }

/** What the staff pages show above a QR code while PUBLIC_URL is local-only (null: nothing to warn about). */
export function publicUrlWarning(publicUrl: string, port: number): PublicUrlWarning | null {
  return isLocalOnly(publicUrl) ? { url: publicUrl, suggestion: suggestedPublicUrl(port) } : null;
}

/**
 * What the run record says about an import's source: paths, hosts and users, never a password.
 * A connection URL's password may hold "/" or "@" unencoded (people paste them so): the user
 * information ends at the last "@" of the URL, wherever the password's own characters fall.
 */
export function describeSource(options: unknown): string {
  const o = (options ?? {}) as Record<string, unknown>;
  if (typeof o.path === 'string') return o.path;
  if (typeof o.url === 'string') return withoutPassword(o.url);
  if (typeof o.host === 'string') return `${o.user ?? ''}@${o.host}:${o.port ?? 5432}/${o.database ?? ''}`;
  return JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => !/pass|secret|token|key/i.test(k))));
}

function withoutPassword(url: string): string {
  // A password in the query goes first, so that its own "@" cannot pass for the userinfo's.
  const masked = url.replace(/([?&](?:password|pass|pwd)=)[^&]*/gi, '$1***');
  const scheme = masked.indexOf('://');
  const at = masked.lastIndexOf('@');
  if (scheme < 0 || at < scheme) return masked;
  const userInfo = masked.slice(scheme + 3, at);
  const colon = userInfo.indexOf(':');
  const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
  return `${masked.slice(0, scheme + 3)}${user}${colon < 0 ? '' : ':***'}@${masked.slice(at + 1)}`;
}

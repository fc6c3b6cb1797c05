/**
 * The match pattern for the one host at `address` (`https://crm.contoso.local:5555/Contoso/main.aspx` →
 * `https://crm.contoso.local/*`), or null for anything but an http(s) address of a named host. The port is left
 * out: Firefox refuses ports in patterns, and a pattern without one covers the server on whatever port it listens.
 */
export function hostPatternOf(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // A URL may carry `*` in its host; in a pattern that would be a wildcard over many hosts.
  if (!url.hostname || url.hostname.includes('*')) return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/** Whether `pattern` is exactly what `hostPatternOf` gives for its host: one host, any port, every path. */
export const isHostPattern = (pattern: string): boolean => hostPatternOf(pattern.replace(/\*$/, '')) === pattern;

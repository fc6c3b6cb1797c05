export interface MatchPattern {
  scheme: string;
  host: string;
  path: string;
}

// Ports cannot be written into a pattern here: browsers match any port when the pattern names none.
const PATTERN = /^(\*|https?|wss?|file|ftp|urn):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(\/.*)$/;

/** The parts of a WebExtension match pattern, or null if browsers would reject it. */
export function parseMatchPattern(pattern: string): MatchPattern | null {
  const match = PATTERN.exec(pattern);
  const scheme = match?.[1];
  const host = match?.[2] ?? '';
  const path = match?.[3];
  if (!scheme || path === undefined || (scheme === 'file') !== (host === '')) return null;
  return { scheme, host, path };
}

function hostMatches(host: string, hostname: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const domain = host.slice(2).toLowerCase();
    return hostname === domain || hostname.endsWith(`.${domain}`);
  }
  return hostname === host.toLowerCase();
}

function globToRegExp(glob: string): RegExp {
  const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${source.join('.*')}$`);
}

/** Whether a browser would run a content script declared with `pattern` on `url`. */
export function matchesPattern(pattern: string, url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (pattern === '<all_urls>') return ['http', 'https', 'ws', 'wss', 'ftp', 'file'].includes(scheme);
  const parts = parseMatchPattern(pattern);
  if (!parts) return false;
  const schemeOk = parts.scheme === '*' ? ['http', 'https', 'ws', 'wss'].includes(scheme) : parts.scheme === scheme;
  return (
    schemeOk &&
    hostMatches(parts.host, parsed.hostname) &&
    globToRegExp(parts.path).test(parsed.pathname + parsed.search)
  );
}

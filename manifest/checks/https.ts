import type { Problem } from './problem';

/** Every string in the manifest that looks like a URL, with its JSON pointer. */
export function urlsIn(value: unknown, pointer = ''): Array<{ where: string; url: string }> {
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? [{ where: pointer || '/', url: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => urlsIn(v, `${pointer}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === '$schema' ? [] : urlsIn(v, `${pointer}/${k}`)));
  return [];
}

/** Custom schemes the platform defines, which are not web addresses. */
const platformSchemes = new Set(['api:', 'brk-multihub:']);

/**
 * Every web address in the manifest is HTTPS and on a domain in `validDomains` (Teams and
 * Outlook refuse plain HTTP pages, and a page on an undeclared domain opens outside the app).
 * The schema's own pattern lets `http://` through, so this check is the one that catches it.
 */
export function checkHttps(manifest: { validDomains?: unknown }): Problem[] {
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains.filter((d): d is string => typeof d === 'string') : [];
  const problems: Problem[] = [];
  for (const { where, url } of urlsIn(manifest)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push({ check: 'https', where, message: `"${url}" is not a valid address` });
      continue;
    }
    if (platformSchemes.has(parsed.protocol)) {
      if (!domains.some((d) => domainMatches(d, parsed.host))) problems.push({ check: 'https', where, message: `"${url}" names ${parsed.host}, which is not in validDomains` });
      continue;
    }
    if (parsed.protocol !== 'https:') {
      problems.push({ check: 'https', where, message: `"${url}" must use https:// (Teams and Outlook load only HTTPS content)` });
      continue;
    }
    if (!domains.some((d) => domainMatches(d, parsed.host))) problems.push({ check: 'https', where, message: `"${url}" is on ${parsed.host}, which is not in validDomains (${domains.join(', ') || 'none'})` });
  }
  return problems;
}

/** `*.council.gov.uk` matches one label in front of the rest, as Teams reads wildcards. */
function domainMatches(domain: string, host: string): boolean {
  const d = domain.toLowerCase();
  const h = host.toLowerCase();
  if (d.startsWith('*.')) return h.endsWith(d.slice(1)) && !h.slice(0, -d.length + 1).includes('.');
  return d === h;
}

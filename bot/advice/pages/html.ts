/** Escapes text for HTML content and attribute values. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** HTML built from trusted template text and escaped values. */
export interface Html {
  readonly html: string;
}

/** A tagged template: interpolated strings are escaped, `Html` values and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[] | undefined | null | false)[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    if (Array.isArray(v)) out += v.map((h) => h.html).join('');
    else if (v && typeof v === 'object') out += v.html;
    else if (v !== undefined && v !== null && v !== false) out += esc(String(v));
    out += strings[i + 1] ?? '';
  });
  return { html: out };
}

/** Whose page it is: the council, and how to reach its SEND team. */
export interface PageCouncil {
  name: string;
  team?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Where the council's logo is served from (our own origin), when it set one. */
  logoPath?: string | null;
}

const contactLine = (c: PageCouncil) => {
  const ways = [c.phone ? html`call ${c.phone}` : null, c.email ? html`email <a href="mailto:${c.email}">${c.email}</a>` : null].filter((w): w is Html => w !== null);
  if (!ways.length) return html``;
  return html`<p class="contact">Questions? Contact ${c.team ?? `${c.name}’s SEND team`}: ${ways.length === 2 ? html`${ways[0] as Html} or ${ways[1] as Html}` : (ways[0] as Html)}.</p>`;
};

/** The page around every advice screen: one `main`, a header naming the council, a footer with its contact, our stylesheet only. */
export function page(title: string, body: Html, council?: PageCouncil): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)} – EHCP annual review</title>
<link rel="stylesheet" href="/advice/assets/advice.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="top">${council?.logoPath ? html`<img class="council-logo" src="${council.logoPath}" alt="">`.html : ''}${council ? html`<p class="council">${council.name}</p>`.html : ''}<p class="service">EHCP annual review</p></header>
<main id="main" tabindex="-1">
${body.html}
</main>
<footer class="bottom">${council ? contactLine(council).html : ''}<p>This page is from ${council ? esc(council.name) : 'your council'}’s EHCP review service. It shows only the child’s initials and the council’s reference.</p></footer>
</body>
</html>`;
}

/** The security headers every advice page carries: nothing from anywhere else, no framing, no referrer (the URL holds the token), no caching. */
export const pageHeaders: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

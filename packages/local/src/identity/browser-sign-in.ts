/**
 * Plays a person's browser at the local identity provider, for tests and headless machines: opens a device
 * verification URL or an authorization URL, confirms the code, signs in with a username and password, and
 * follows the redirects (cookies kept) until the provider is done — its success page, or the redirect to the
 * command line's loopback callback, which it then calls as a browser would.
 */
export async function signInWithBrowser(
  url: string,
  person: { username: string; password: string },
): Promise<{ status: number; url: string; body: string }> {
  const origin = new URL(url).origin;
  const cookies = new Map<string, string>();
  let request: { url: string; method: string; form?: URLSearchParams } = { url, method: 'GET' };
  for (let step = 0; step < 20; step++) {
    const response = await fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(request.form ? { body: request.form.toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, request.url);
      // Leaving the provider: the command line's loopback server takes the code.
      if (next.origin !== origin) {
        const done = await fetch(next);
        return { status: done.status, url: next.href, body: await done.text() };
      }
      request = { url: next.href, method: 'GET' };
      continue;
    }
    const body = await response.text();
    const form = nextForm(body, person);
    if (!form) return { status: response.status, url: request.url, body };
    request = { url: new URL(form.action, request.url).href, method: 'POST', form: form.fields };
  }
  throw new Error('the sign-in did not finish within 20 pages');
}

/** The form a person would submit on this page, filled in; none on the last page. */
function nextForm(html: string, person: { username: string; password: string }) {
  for (const [, attributes = '', inner = ''] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = attribute(attributes, 'action') ?? '';
    const fields = new URLSearchParams();
    for (const [, input = ''] of inner.matchAll(/<input([^>]*)>/g)) {
      const name = attribute(input, 'name');
      if (!name) continue;
      const given = { username: person.username, password: person.password }[name];
      fields.set(name, given ?? attribute(input, 'value') ?? '');
    }
    if (/device|login/.test(action) || fields.has('xsrf')) return { action, fields };
  }
  return undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  return value
    ?.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

// The few pages a person sees at the local identity provider. Everything shown is escaped: the user code and
// the client's name come from requests.

const escape = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto}input,button{display:block;width:100%;margin:.5rem 0;padding:.5rem;box-sizing:border-box}code{font-size:1.5rem}.error{color:#b00}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

export function loginPage(action: string, client: string, error?: string): string {
  return page(
    'Sign in to the local identity provider',
    `<p>${escape(client)} asks you to sign in.</p>${error ? `<p class="error">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}">
<input name="username" placeholder="username (approver, dave, erin…)" autofocus required>
<input name="password" type="password" placeholder="password (in local.json)" required>
<button type="submit">Sign in</button></form>`,
  );
}

/** oidc-provider hands over its form (with its CSRF field) as HTML it built; it is embedded as is. */
export function userCodePage(form: string, error: boolean): string {
  return page(
    'Sign in a device',
    `<p${error ? ' class="error"' : ''}>${error ? 'That code is not valid: try again.' : 'Enter the code your terminal shows.'}</p>${form}<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

export function confirmPage(form: string, client: string, userCode: string): string {
  return page(
    'Confirm the device',
    `<p>${escape(client)} shows this code:</p><p><code>${escape(userCode)}</code></p>
<p>Continue only if your terminal shows the same code.</p>${form}<button type="submit" form="op.deviceConfirmForm">Continue</button>
<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>`,
  );
}

export const successPage = () =>
  page('Signed in', '<p>You can close this window and go back to your terminal.</p>');

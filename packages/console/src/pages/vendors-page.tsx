import { useState } from 'preact/hooks';
import { ok, type Vendor } from '../api';
import { ErrorNote } from '../parts/error-note';
import { useLoad } from '../parts/use-load';
import { count, plain, when } from '../format';
import { useSession } from '../session';

/** The third parties the broker knows (admins): suspend (the kill switch) or resume each, register one. */
export function VendorsPage() {
  const { api } = useSession();
  const vendors = useLoad(() => ok(api.GET('/v1/vendors')), []);
  return (
    <section aria-labelledby="vendors-title">
      <h1 id="vendors-title">Vendors</h1>
      <ErrorNote error={vendors.error} />
      {vendors.data?.items.length === 0 && <p>No vendor is registered.</p>}
      {vendors.data?.items.map((vendor) => (
        <VendorCard key={vendor.id} vendor={vendor} done={vendors.reload} />
      ))}
      <RegisterVendor done={vendors.reload} />
    </section>
  );
}

function VendorCard({ vendor, done }: { vendor: Vendor; done(): void }) {
  const { api } = useSession();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<string>();
  const [error, setError] = useState<Error>();
  const act = async (action: 'suspend' | 'resume') => {
    setError(undefined);
    try {
      const path = action === 'suspend' ? '/v1/vendors/{id}/suspend' : '/v1/vendors/{id}/resume';
      const answer = await ok(
        api.POST(path, { params: { path: { id: vendor.id } }, body: comment ? { comment } : {} }),
      );
      setOutcome(
        'ended' in answer ? `Suspended; ${count(answer.ended.length, 'request')} ended.` : 'Resumed.',
      );
      done();
    } catch (failure) {
      setError(failure as Error);
    }
  };
  return (
    <article class="card" aria-labelledby={`vendor-${vendor.id}`}>
      <h2 id={`vendor-${vendor.id}`}>
        {plain(vendor.displayName)} <code>{vendor.id}</code>{' '}
        {vendor.suspension && <span class="status status-revoked">Suspended</span>}
      </h2>
      <dl class="facts">
        <dt>Principals</dt>
        <dd>
          {vendor.principals.map((principal) => (
            <code key={principal}>{principal} </code>
          ))}
        </dd>
        <dt>Credentials</dt>
        <dd>{vendor.credentials}</dd>
        <dt>Its own External ID</dt>
        <dd>{vendor.hasExternalId ? 'yes (never shown)' : 'no: one per grant'}</dd>
        <dt>Webhook</dt>
        <dd>{vendor.webhook?.url ?? 'none'}</dd>
        {vendor.suspension && (
          <>
            <dt>Suspended</dt>
            <dd>
              {when(vendor.suspension.at)} by {plain(vendor.suspension.by)}
              {vendor.suspension.comment ? `: ${plain(vendor.suspension.comment)}` : ''}
            </dd>
          </>
        )}
      </dl>
      <p>
        <label for={`comment-${vendor.id}`}>Comment</label>
        <input
          id={`comment-${vendor.id}`}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
        {vendor.suspension ? (
          <button type="button" onClick={() => act('resume')}>
            Resume
          </button>
        ) : (
          <button type="button" class="deny" onClick={() => act('suspend')}>
            Suspend and revoke every grant
          </button>
        )}
      </p>
      {outcome && <p role="status">{outcome}</p>}
      <ErrorNote error={error} />
    </article>
  );
}

function RegisterVendor({ done }: { done(): void }) {
  const { api } = useSession();
  const [form, setForm] = useState({ id: '', displayName: '', principals: '', webhook: '' });
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<Error>();
  const field = (name: keyof typeof form) => ({
    id: `vendor-${name}`,
    value: form[name],
    onInput: (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value }),
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const vendor = await ok(
        api.PUT('/v1/vendors/{id}', {
          params: { path: { id: form.id.trim() } },
          body: {
            displayName: form.displayName,
            principals: form.principals.split(/\s+/).filter(Boolean),
            ...(form.webhook.trim() ? { webhook: { url: form.webhook.trim() } } : {}),
          },
        }),
      );
      setSecret(vendor.webhook?.secret);
      done();
    } catch (failure) {
      setError(failure as Error);
    }
  };
  return (
    <form class="action" onSubmit={submit} aria-labelledby="register-title">
      <h2 id="register-title">Register or replace a vendor</h2>
      <p>
        <label for="vendor-id">Id</label>
        <input required {...field('id')} />
      </p>
      <p>
        <label for="vendor-displayName">Name</label>
        <input required {...field('displayName')} />
      </p>
      <p>
        <label for="vendor-principals">Principal ARNs (one per line)</label>
        <textarea required {...field('principals')} />
      </p>
      <p>
        <label for="vendor-webhook">Webhook URL (https, optional)</label>
        <input {...field('webhook')} />
      </p>
      <button type="submit">Register</button>
      {secret && (
        <p role="status">
          The webhook's signing secret, shown once: hand it to the vendor. <code>{secret}</code>
        </p>
      )}
      <ErrorNote error={error} />
    </form>
  );
}

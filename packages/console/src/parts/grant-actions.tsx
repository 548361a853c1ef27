import { useState } from 'preact/hooks';
import { ok, type RequestView } from '../api';
import { useSession } from '../session';
import { ErrorNote } from './error-note';

/** A small form that posts one action and reports the API's answer; the page reloads the request after. */
function ActionForm(props: {
  title: string;
  button: string;
  fields: { name: string; label: string; placeholder?: string; maxLength: number }[];
  act(values: Record<string, string>): Promise<unknown>;
  done(): void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await props.act(values);
      setValues({});
      props.done();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="action" onSubmit={submit} aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.fields.map((field) => (
        <p key={field.name}>
          <label for={`action-${field.name}`}>{field.label}</label>
          <input
            id={`action-${field.name}`}
            required
            maxLength={field.maxLength}
            placeholder={field.placeholder}
            value={values[field.name] ?? ''}
            onInput={(e) => setValues({ ...values, [field.name]: e.currentTarget.value })}
          />
        </p>
      ))}
      <button type="submit" disabled={busy}>
        {props.button}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

const ENDED = new Set(['REVOKED', 'DENIED', 'APPROVAL_EXPIRED', 'CANCELLED', 'FAILED']);
export const isEnded = (request: RequestView) => ENDED.has(request.status);

/** Extend (while active, no extension pending) and revoke (until it has ended), where the scopes allow. */
export function GrantActions({ request, done }: { request: RequestView; done(): void }) {
  const { api, me } = useSession();
  const path = { params: { path: { id: request.id } } };
  const extendable =
    request.status === 'ACTIVE' && !request.pendingDecision && me.scopes.includes('requests:create');
  const revocable = !isEnded(request) && me.scopes.includes('requests:revoke');
  if (!extendable && !revocable) return null;
  return (
    <div class="actions">
      {extendable && (
        <ActionForm
          title="Ask for more time"
          button="Ask to extend"
          fields={[
            { name: 'duration', label: 'How much more (ISO 8601)', placeholder: 'PT1H', maxLength: 32 },
            { name: 'justification', label: 'Why', maxLength: 2000 },
          ]}
          act={(values) =>
            ok(
              api.POST('/v1/requests/{id}/extend', {
                ...path,
                body: { duration: values.duration ?? '', justification: values.justification ?? '' },
              }),
            )
          }
          done={done}
        />
      )}
      {revocable && (
        <ActionForm
          title={request.status === 'ACTIVE' ? 'Revoke now' : 'Cancel the request'}
          button={request.status === 'ACTIVE' ? 'Revoke' : 'Cancel request'}
          fields={[{ name: 'reason', label: 'Reason', maxLength: 500 }]}
          act={(values) =>
            ok(api.POST('/v1/requests/{id}/revoke', { ...path, body: { reason: values.reason ?? '' } }))
          }
          done={done}
        />
      )}
    </div>
  );
}

/** The evidence pack as a file: fetched with the token (a plain link could not carry it), then saved. */
export function EvidenceButton({ id }: { id: string }) {
  const { api } = useSession();
  const [error, setError] = useState<Error>();
  const download = async () => {
    setError(undefined);
    try {
      const evidence = await ok(api.GET('/v1/requests/{id}/evidence', { params: { path: { id } } }));
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(evidence, null, 2)], { type: 'application/json' }),
      );
      const link = Object.assign(document.createElement('a'), { href: url, download: `evidence-${id}.json` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      setError(failure as Error);
    }
  };
  return (
    <>
      <button type="button" onClick={download}>
        Download the evidence pack
      </button>
      <ErrorNote error={error} />
    </>
  );
}

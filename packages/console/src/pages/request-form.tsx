import { useState } from 'preact/hooks';
import { ok, type Profiles, type Vendor } from '../api';
import { ErrorNote } from '../parts/error-note';
import { useLoad } from '../parts/use-load';
import { requestHref } from '../route';
import { count, plain } from '../format';
import { useSession } from '../session';

type Profile = Profiles['profiles'][number];

/**
 * A request built from the profiles the broker offers (`GET /v1/profiles`): each parameter an input with the
 * profile's own pattern, so the browser checks what the API checks again. The person signed in is the
 * requester; the third party is a registered vendor or a principal ARN.
 */
export function RequestForm() {
  const { api, me } = useSession();
  const offer = useLoad(async () => {
    const [profiles, vendors] = await Promise.all([
      ok(api.GET('/v1/profiles')),
      ok(api.GET('/v1/vendors')).catch(() => ({ items: [] as Vendor[] })),
    ]);
    return { profiles: profiles.profiles, vendors: vendors.items.filter((vendor) => !vendor.suspension) };
  }, []);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error>();
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    setValues({ ...values, [name]: e.currentTarget.value });
  const profile = offer.data?.profiles.find((item) => item.name === values.profile);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await ok(api.POST('/v1/requests', { body: requestBody(values, profile, me.person) }));
      location.hash = requestHref(created.id);
    } catch (failure) {
      setError(failure as Error);
    }
  };
  if (!offer.data) return <ErrorNote error={offer.error} />;
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">Ask for access</h1>
      <form class="request-form" onSubmit={submit}>
        <Field label="Profile" name="profile">
          <select id="field-profile" required value={values.profile ?? ''} onChange={set('profile')}>
            <option value="">choose…</option>
            {offer.data.profiles.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name}: {item.description}
              </option>
            ))}
          </select>
        </Field>
        {profile?.parameters.map((parameter) => (
          <Field
            key={parameter.name}
            label={`${parameter.name} (${parameter.description})`}
            name={`p-${parameter.name}`}
          >
            <input
              id={`field-p-${parameter.name}`}
              required
              title={`must match ${parameter.pattern}`}
              value={values[`p-${parameter.name}`] ?? ''}
              onInput={(e) => {
                matchPattern(e.currentTarget, parameter.pattern);
                set(`p-${parameter.name}`)(e);
              }}
            />
          </Field>
        ))}
        <ThirdPartyFields vendors={offer.data.vendors} values={values} set={set} />
        <Field label="Duration (ISO 8601, e.g. PT2H)" name="duration">
          <input id="field-duration" required value={values.duration ?? ''} onInput={set('duration')} />
        </Field>
        <Field label="Why" name="justification">
          <textarea id="field-justification" required maxLength={2000} onInput={set('justification')} />
        </Field>
        <Field label="Ticket (system and key, e.g. jira SEC-123)" name="ticket">
          <input
            id="field-ticket"
            required={profile?.approval.requireTicket ?? false}
            pattern="\S+ \S+"
            value={values.ticket ?? ''}
            onInput={set('ticket')}
          />
        </Field>
        {profile && (
          <p class="rule">
            Needs {count(profile.approval.approvalsRequired, 'approval')} from{' '}
            <code>{profile.approval.approverGroup}</code>
            {profile.approval.maxDuration ? `, for at most ${profile.approval.maxDuration}` : ''}.
          </p>
        )}
        <button type="submit">Ask</button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}

function Field(props: { label: string; name: string; children: preact.ComponentChildren }) {
  return (
    <p>
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.children}
    </p>
  );
}

function ThirdPartyFields(props: {
  vendors: Vendor[];
  values: Record<string, string>;
  set(name: string): (e: { currentTarget: { value: string } }) => void;
}) {
  return (
    <>
      {props.vendors.length > 0 && (
        <Field label="Registered third party" name="vendor">
          <select id="field-vendor" value={props.values.vendor ?? ''} onChange={props.set('vendor')}>
            <option value="">none: give a principal ARN</option>
            {props.vendors.map((vendor) => (
              <option key={vendor.id} value={vendor.id}>
                {plain(vendor.displayName)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {!props.values.vendor && (
        <Field label="Third party's principal ARN" name="principal">
          <input
            id="field-principal"
            required
            placeholder="arn:aws:iam::111122223333:role/Auditor"
            value={props.values.principal ?? ''}
            onInput={props.set('principal')}
          />
        </Field>
      )}
    </>
  );
}

function requestBody(
  values: Record<string, string>,
  profile: Profile | undefined,
  person: string | undefined,
) {
  const [system = '', key = ''] = (values.ticket ?? '').trim().split(/\s+/, 2);
  const parameters = Object.fromEntries(
    (profile?.parameters ?? []).map((parameter) => [parameter.name, values[`p-${parameter.name}`] ?? '']),
  );
  return {
    ...(values.vendor ? { vendor: values.vendor } : { principal: (values.principal ?? '').trim() }),
    profile: values.profile ?? '',
    parameters,
    duration: (values.duration ?? '').trim(),
    justification: values.justification ?? '',
    requester: { id: person ?? '' },
    ...(system && key ? { ticket: { system, key } } : {}),
  };
}

/**
 * The profile's pattern, anchored, as the API applies it: checked in script because the `pattern` attribute
 * compiles with the `v` flag, which refuses some patterns the API takes (`[a-z0-9.-]`).
 */
function matchPattern(input: HTMLInputElement, pattern: string) {
  const matches = new RegExp(`^(?:${pattern})$`).test(input.value);
  input.setCustomValidity(matches ? '' : `must match ${pattern}`);
}

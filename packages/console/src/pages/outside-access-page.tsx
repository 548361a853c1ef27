import { ok } from '../api';
import { ErrorNote } from '../parts/error-note';
import { useLoad } from '../parts/use-load';
import { plain, when } from '../format';
import { requestHref } from '../route';
import { useSession } from '../session';

/**
 * Outside access (admins): per account, every role someone outside it may assume, whoever made it
 * (`GET /v1/external-access`). The broker's own link to their request; the others, and any trust without an
 * External ID, are what a reviewer looks at first.
 */
export function OutsideAccessPage() {
  const { api } = useSession();
  const inventory = useLoad(() => ok(api.GET('/v1/external-access')), []);
  return (
    <section aria-labelledby="outside-title">
      <h1 id="outside-title">Outside access</h1>
      <p>Every role that someone outside its account may assume, in each account the broker reaches.</p>
      <ErrorNote error={inventory.error} />
      {inventory.data === undefined && !inventory.error && <p>Loading…</p>}
      {inventory.data?.accounts.map((account) => (
        <article class="card" key={account.accountId} aria-labelledby={`account-${account.accountId}`}>
          <h2 id={`account-${account.accountId}`}>Account {account.accountId}</h2>
          {account.error && <p class="error">This account could not be read: {plain(account.error)}</p>}
          {account.roles.length === 0 && !account.error && <p>No role trusts anyone outside this account.</p>}
          {account.roles.length > 0 && (
            <table>
              <caption>Roles others may assume</caption>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Who may assume it</th>
                  <th scope="col">Made by</th>
                  <th scope="col">Last used</th>
                </tr>
              </thead>
              <tbody>
                {account.roles.map((role) => (
                  <tr key={role.roleArn}>
                    <td>
                      <code>{plain(role.roleName)}</code>
                    </td>
                    <td>
                      <ul class="plain">
                        {role.principals.map((principal) => (
                          <li key={principal.principal}>
                            <code>{plain(principal.principal)}</code>
                            {principal.externalIdRequired ? '' : ' (no External ID required)'}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {role.madeByBroker && role.requestId ? (
                        <a href={requestHref(role.requestId)}>the broker</a>
                      ) : (
                        'someone else'
                      )}
                    </td>
                    <td>{role.lastUsedAt ? when(role.lastUsedAt) : 'never'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  );
}

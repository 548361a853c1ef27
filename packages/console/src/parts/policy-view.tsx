import type { RequestView } from '../api';

/** What a grant allows, readable: one row per statement, actions and resources listed, conditions shown. */
export function PolicyView({ request }: { request: Pick<RequestView, 'statements' | 'managedPolicyArns'> }) {
  const statements = request.statements ?? [];
  return (
    <div class="policy">
      {statements.length > 0 && (
        <table>
          <caption>What the role allows</caption>
          <thead>
            <tr>
              <th scope="col">Effect</th>
              <th scope="col">Actions</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((statement, index) => (
              <tr key={index}>
                <td>{statement.Effect}</td>
                <td>
                  <ul class="plain">
                    {statement.Action.map((action) => (
                      <li key={action}>
                        <code>{action}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul class="plain">
                    {statement.Resource.map((resource) => (
                      <li key={resource}>
                        <code>{resource}</code>
                      </li>
                    ))}
                  </ul>
                  {statement.Condition && <pre>{JSON.stringify(statement.Condition, null, 2)}</pre>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(request.managedPolicyArns ?? []).length > 0 && (
        <p>
          AWS managed policies:{' '}
          {request.managedPolicyArns!.map((arn) => (
            <code key={arn}>{arn} </code>
          ))}
        </p>
      )}
    </div>
  );
}

import { ApiProblem } from '../api';

/** What went wrong, as the API said it (each bad field on its own line), read out by screen readers. */
export function ErrorNote({ error }: { error?: Error | undefined }) {
  if (!error) return null;
  const lines = error.message.split('\n');
  return (
    <div class="error" role="alert">
      <strong>{error instanceof ApiProblem ? `Refused (${error.status})` : 'Something went wrong'}:</strong>{' '}
      {lines[0]}
      {error instanceof ApiProblem && error.status === 401 && (
        // The token expired (or the provider's keys changed): a reload signs in again, silently if it can.
        <button type="button" onClick={() => location.reload()}>
          Sign in again
        </button>
      )}
      {lines.length > 1 && (
        <ul>
          {lines.slice(1).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { apiClient, ok } from './api';
import { GrantPage } from './pages/grant-page';
import { OutsideAccessPage } from './pages/outside-access-page';
import { RequestForm } from './pages/request-form';
import { RequestsPage } from './pages/requests-page';
import { VendorsPage } from './pages/vendors-page';
import { WaitingForMe } from './pages/waiting-for-me';
import { ErrorNote } from './parts/error-note';
import { type Route, useRoute } from './route';
import { may, type Session, SessionContext, useSession } from './session';
import { finishSignIn, type SignInSettings, startSignIn } from './sign-in';

type Phase =
  | { name: 'starting' }
  | { name: 'signed-out'; settings: SignInSettings; fresh: boolean; note?: string }
  | { name: 'unavailable'; error: Error }
  | { name: 'signed-in'; session: Session; settings: SignInSettings };

/** Reads the sign-in settings, finishes a return from the identity provider, and asks the API who we are. */
async function start(): Promise<Phase> {
  const answer = (await (await fetch('/v1/sign-in')).json()) as { oidc: SignInSettings | null };
  const settings = answer.oidc;
  if (!settings?.consoleClientId)
    throw new Error('Sign-in for the console is not set up: the config needs oidc.consoleClientId.');
  // A return that cannot be finished (a forged or stale code, a refusal at the provider) is a sign-in to
  // start again, saying why.
  const token = await finishSignIn(settings).catch((error: Error) => error);
  if (token instanceof Error) return { name: 'signed-out', settings, fresh: false, note: token.message };
  if (!token) return { name: 'signed-out', settings, fresh: false };
  const api = apiClient(token);
  return { name: 'signed-in', settings, session: { api, me: await ok(api.GET('/v1/me')) } };
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ name: 'starting' });
  useEffect(() => {
    start().then(setPhase, (error: Error) => setPhase({ name: 'unavailable', error }));
  }, []);
  if (phase.name === 'starting') return <p class="loading">Loading…</p>;
  if (phase.name === 'unavailable')
    return (
      <main>
        <h1>Access broker</h1>
        <ErrorNote error={phase.error} />
      </main>
    );
  if (phase.name === 'signed-out') return <SignedOut phase={phase} />;
  // Forgetting the token is signing out of the console; the next sign-in asks for the password again.
  const signOut = () =>
    setPhase({ name: 'signed-out', settings: phase.settings, fresh: true, note: 'You have signed out.' });
  return (
    <SessionContext.Provider value={phase.session}>
      <Shell session={phase.session} signOut={signOut} />
    </SessionContext.Provider>
  );
}

function SignedOut({ phase }: { phase: Extract<Phase, { name: 'signed-out' }> }) {
  const [error, setError] = useState<Error>();
  return (
    <main class="signed-out">
      <h1>Access broker</h1>
      {phase.note && <p role="status">{phase.note}</p>}
      <p>Approve and review third-party access to AWS. Sign in with your company account.</p>
      <button type="button" onClick={() => startSignIn(phase.settings, phase.fresh).catch(setError)}>
        Sign in
      </button>
      <ErrorNote error={error} />
    </main>
  );
}

function Shell({ session, signOut }: { session: Session; signOut(): void }) {
  const route = useRoute();
  const { me } = session;
  const links = [
    may(me, 'requests:approve') && ['waiting', '#/', 'Waiting for me'],
    ['requests', '#/requests', 'Requests'],
    may(me, 'requests:create') && ['new', '#/new', 'Ask for access'],
    may(me, 'requests:admin') && ['vendors', '#/vendors', 'Vendors'],
    may(me, 'requests:admin') && ['outside', '#/outside-access', 'Outside access'],
  ].filter((link): link is [Route['page'], string, string] => Boolean(link));
  return (
    <>
      <header class="top">
        <nav aria-label="Console">
          <span class="brand">Access broker</span>
          {links.map(([page, href, label]) => (
            <a key={page} href={href} aria-current={route.page === page ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <span class="who">
          <span>{me.displayName ?? me.person ?? me.actor}</span>
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main>
        <Page route={route} />
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  const { me } = useSession();
  if (route.page === 'request' && route.id) return <GrantPage id={route.id} />;
  if (route.page === 'new') return <RequestForm />;
  if (route.page === 'vendors') return <VendorsPage />;
  if (route.page === 'outside') return <OutsideAccessPage />;
  if (route.page === 'requests' || !may(me, 'requests:approve')) return <RequestsPage query={route.query} />;
  return <WaitingForMe />;
}

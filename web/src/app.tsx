import { useEffect, useRef } from 'preact/hooks';
import { Link, match, useLocation } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { NAV } from './nav.ts';
import { Empty, Page } from './ui.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { HomePage } from './pages/home.tsx';
import { ProjectsPage } from './pages/projects.tsx';
import { ProjectPage } from './pages/project.tsx';
import { EditProjectPage, NewProjectPage } from './pages/project-form.tsx';
import { ContributePage } from './pages/contribute.tsx';
import { ApiKeysPage } from './pages/api-keys.tsx';
import { ApiSecretPage } from './pages/api-secret.tsx';
import { ApiTestPage } from './pages/api-test.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { BuggyPage } from './pages/buggy.tsx';
import { CompetitionsPage } from './pages/competitions.tsx';
import { CompetitionFormPage } from './pages/competition-form.tsx';

type Route = [pattern: string, render: (params: Record<string, string>) => preact.JSX.Element];

const ROUTES: Route[] = [
  ['/', () => <HomePage />],
  ['/signin', () => <SignInPage />],
  ['/projects', () => <ProjectsPage />],
  ['/projects/new', () => <NewProjectPage />],
  ['/projects/:id', (p) => <ProjectPage id={Number(p.id)} />],
  ['/projects/:id/edit', (p) => <EditProjectPage id={Number(p.id)} />],
  ['/projects/:id/contribute', (p) => <ContributePage projectId={Number(p.id)} />],
  ['/api-keys', () => <ApiKeysPage />],
  ['/api-secret', () => <ApiSecretPage />],
  ['/api-test', () => <ApiTestPage />],
  ['/settings', () => <SettingsPage />],
  ['/buggy', () => <BuggyPage />],
  ['/competitions', () => <CompetitionsPage />],
  ['/competitions/new', () => <CompetitionFormPage />],
  ['/competitions/:id/edit', (p) => <CompetitionFormPage id={p.id} />],
];

function NotFound() {
  return (
    <Page title="Page not found">
      <Empty>
        <p>
          Nothing lives at <code>{location.pathname}</code>. <Link href="/">Go to the start page</Link>.
        </p>
      </Empty>
    </Page>
  );
}

function Header() {
  const { me, loading, signOut } = useSession();
  const { path } = useLocation();
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Link class="brand" href="/">
        Gantry
      </Link>
      <nav aria-label="Main">
        <ul>
          {NAV.filter((item) => item.show(me)).map((item) => (
            <li key={item.href}>
              <Link href={item.href} class={path === item.href || path.startsWith(`${item.href}/`) ? 'active' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        {loading ? null : me ? (
          <>
            <span data-testid="signed-in-as">
              {me.name}
              {me.admin ? ' (admin)' : ''}
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </>
        ) : (
          path !== '/signin' && (
            <Link class="button primary" href={`/signin?next=${encodeURIComponent(path)}`}>
              Sign in
            </Link>
          )
        )}
      </div>
    </header>
  );
}

function Routes() {
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a page change, move focus to the new page's heading for keyboard and screen-reader users.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);
  let page: preact.JSX.Element = <NotFound />;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    if (params) {
      page = render(params);
      break;
    }
  }
  return (
    <main id="main" ref={main}>
      {page}
    </main>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Header />
      <Routes />
      <footer class="bottom">
        <span>Gantry console · uses only the GraphQL API at </span>
        <a href="/graphql">/graphql</a>
      </footer>
    </SessionProvider>
  );
}

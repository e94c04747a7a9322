import { Link } from '../router.tsx';
import { NAV } from '../nav.ts';
import { useSession } from '../session.tsx';
import { Loading, Page } from '../ui.tsx';

const ABOUT: Record<string, string> = {
  '/projects': 'Find projects, load tasks and watch their progress, or answer tasks as a volunteer.',
  '/competitions': 'The federations’ competition calendars, with feeds for your calendar app.',
  '/api-secret': 'Set the secret your program sends with your API key to upload a buggy.',
  '/buggy': 'Your race buggy as the race server stored it.',
  '/api-keys': 'Staff: give users race-server API keys, or take them away.',
  '/api-test': 'Staff: send an upload exactly as a student’s program does, and see the raw answer.',
  '/settings': 'Administrators: the race server’s five settings.',
};

export function HomePage() {
  const { me, loading } = useSession();
  return (
    <Page title={me ? `Welcome, ${me.fullname || me.name}` : 'Gantry console'}>
      {loading ? (
        <Loading />
      ) : (
        !me && (
          <p>
            <Link href="/signin">Sign in</Link> to manage projects, answer tasks, set your API secret and keep competition calendars. Projects and
            competitions are open to everyone.
          </p>
        )
      )}
      <ul class="cards tiles">
        {NAV.filter((item) => item.show(me)).map((item) => (
          <li class="card" key={item.href}>
            <h2>
              <Link href={item.href}>{item.label}</Link>
            </h2>
            <p>{ABOUT[item.href]}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}

// The main menu: which pages each kind of user sees.
import { isStaff, type Me } from './session.tsx';

interface NavItem {
  href: string;
  label: string;
  show(me: Me | null): boolean;
}

export const NAV: NavItem[] = [
  { href: '/projects', label: 'Projects', show: () => true },
  { href: '/competitions', label: 'Competitions', show: () => true },
  { href: '/api-secret', label: 'My API secret', show: (me) => me !== null },
  { href: '/buggy', label: 'My buggy', show: (me) => me !== null },
  { href: '/api-keys', label: 'API keys', show: isStaff },
  { href: '/api-test', label: 'API test', show: isStaff },
  { href: '/settings', label: 'Settings', show: (me) => Boolean(me?.admin) },
];


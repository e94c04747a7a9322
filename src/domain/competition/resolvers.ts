// The resolvers of the federation API: competitions, country admins, access tokens, calendar export.
import { CompetitionResolver } from './competition.resolver.ts';
import { CompetitionVersionResolver } from './competition-version.resolver.ts';
import { CountryAdminResolver } from './country-admin.resolver.ts';
import { AccessTokenResolver } from '../access-token/access-token.resolver.ts';
import { CalendarResolver } from '../../calendars/calendar.resolver.ts';

export const competitionResolvers = [CompetitionResolver, CompetitionVersionResolver, CountryAdminResolver, AccessTokenResolver, CalendarResolver];

// The resolvers of the federation API: competitions, country admins, access tokens, calendar export.
import { CompetitionResolver } from './competition.resolver.ts';
import { CompetitionVersionResolver } from './competition-version.resolver.ts';
import { CountryAdminResolver } from './country-admin.resolver.ts';
import { CompetitionChangesResolver } from './competition-changes.resolver.ts';
import { AccessTokenResolver } from '../access-token/access-token.resolver.ts';
import { CalendarResolver } from '../../calendars/calendar.resolver.ts';

export const competitionResolvers = [CompetitionResolver, CompetitionVersionResolver, CompetitionChangesResolver, CountryAdminResolver, AccessTokenResolver, CalendarResolver];

// The GraphQL Competition type. Properties are the row's snake_case columns (and the snake_case
// keys of the stored events JSON); the schema exposes them under camelCase names.
import { Field, Float, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSON, LocalDateResolver } from 'graphql-scalars';

@ObjectType({ description: 'A heat, flight or race of an event round.' })
export class CompetitionUnit {
  @Field(() => Int, { nullable: true })
  heat!: number | null;

  @Field(() => Int, { nullable: true, description: '1 for the first round.' })
  round!: number | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => String, { name: 'resultsStatus', nullable: true })
  results_status!: string | null;

  @Field(() => [GraphQLJSON], { nullable: true, description: 'Results as sent: {place, points, bib, performance, lane}.' })
  results!: unknown[] | null;

  @Field(() => [GraphQLJSON], { nullable: true, description: 'Bar heights of a vertical jump, as sent.' })
  heights!: unknown[] | null;

  @Field(() => [GraphQLJSON], { nullable: true, description: 'Vertical-jump trials as sent: {bib, height, result "o"/"x"}.' })
  trials!: unknown[] | null;
}

@ObjectType({ description: 'An event of a competition (100 m men, long jump women, ...).' })
export class CompetitionEvent {
  @Field(() => String, { name: 'eventId', description: 'Unique within the competition.' })
  event_id!: string;

  @Field(() => String, { name: 'eventCode', nullable: true, description: 'e.g. 100, LJ, PV, 4x200, TRI.' })
  event_code!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. M, F, MF.' })
  genders!: string | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => [String], { name: 'ageGroups', nullable: true })
  age_groups!: string[] | null;

  @Field(() => String, { nullable: true, description: 'Heats per round, e.g. "8,3,1".' })
  rounds!: string | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => [CompetitionUnit], { nullable: true })
  units!: CompetitionUnit[] | null;
}

/** The calendar record: what a stored competition and a validated draft have in common. */
@InterfaceType({ description: 'A competition calendar record: a stored Competition or a validated CompetitionDraft.' })
export abstract class CompetitionRecord {
  @Field(() => String, { name: 'fullName' })
  full_name!: string;

  @Field(() => String, { name: 'shortName', nullable: true })
  short_name!: string | null;

  @Field(() => String, { description: 'Unique, lower-case, no spaces.' })
  slug!: string;

  @Field(() => String, { name: 'nameLocal', nullable: true })
  name_local!: string | null;

  @Field(() => String, { name: 'countryId', description: 'IOC country code, e.g. GBR.' })
  country_id!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { name: 'venueId', nullable: true, description: 'UUID.' })
  venue_id!: string | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'Metres.' })
  altitude!: number | null;

  @Field(() => LocalDateResolver, { description: 'First day.' })
  date!: string;

  @Field(() => LocalDateResolver, { name: 'finishDate', description: 'Last day (on or after date).' })
  finish_date!: string;

  @Field(() => Int, { description: 'The year of date.' })
  year!: number;

  @Field(() => String, { name: 'waRankingsCategoryId', nullable: true, description: 'World Athletics ranking category, as sent (a code or a number).' })
  wa_rankings_category_id!: string | null;

  @Field(() => [String], { name: 'ageGroups', nullable: true })
  age_groups!: string[] | null;

  @Field(() => String, { name: 'nationalId', nullable: true, description: "The competition's id in the national federation's system." })
  national_id!: string | null;

  @Field(() => String, { name: 'basicDescription', nullable: true })
  basic_description!: string | null;

  @Field(() => String, { name: 'contactDetails', nullable: true })
  contact_details!: string | null;

  @Field(() => String, { name: 'organiserId', nullable: true, description: 'UUID.' })
  organiser_id!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { name: 'entryLink', nullable: true })
  entry_link!: string | null;

  @Field(() => String, { name: 'resultsLink', nullable: true })
  results_link!: string | null;

  @Field(() => [CompetitionEvent], { description: 'Events with their units.' })
  events!: CompetitionEvent[];
}

@ObjectType({
  implements: CompetitionRecord,
  description:
    "A competition in the calendar. Anyone may read competitions; administrators, the country's federation admins (group ADMIN_<IOC>) and the competition's DIRECTOR may change them.",
})
export class Competition extends CompetitionRecord {
  @Field(() => ID, { description: 'UUID.' })
  id!: string;

  @Field(() => DateTimeISOResolver)
  created!: Date;

  @Field(() => DateTimeISOResolver, { description: 'Last change; filter with updatedSince for incremental sync.' })
  updated!: Date;

  /** A column kept by the trigger of migration 0004 (not in CompetitionValues: never written by the rules). */
  @Field(() => Int, { description: 'Revision: 0 when created, one more with each change (the iCalendar SEQUENCE).' })
  sequence!: number;

  // path, viewerRole and viewerCanManage: field resolvers (competition.resolver.ts).
}

@ObjectType({ implements: CompetitionRecord, description: 'A competition record as it would be stored: validated, normalised, not saved.' })
export class CompetitionDraft extends CompetitionRecord {
  @Field(() => ID, { nullable: true, description: 'The id that was asked for, if any.' })
  id!: string | null;
}

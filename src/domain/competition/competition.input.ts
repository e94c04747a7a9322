import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSON, GraphQLJSONObject, LocalDateResolver } from 'graphql-scalars';

@InputType()
export class CompetitionUnitInput {
  @Field(() => Int, { nullable: true })
  heat?: number | null;

  @Field(() => Int, { nullable: true })
  round?: number | null;

  @Field(() => String, { nullable: true })
  status?: string | null;

  @Field(() => String, { nullable: true })
  resultsStatus?: string | null;

  @Field(() => [GraphQLJSONObject], { nullable: true })
  results?: Record<string, unknown>[] | null;

  @Field(() => [GraphQLJSON], { nullable: true })
  heights?: unknown[] | null;

  @Field(() => [GraphQLJSONObject], { nullable: true })
  trials?: Record<string, unknown>[] | null;
}

@InputType()
export class CompetitionEventInput {
  @Field(() => String, { description: 'Unique within the competition.' })
  eventId!: string;

  @Field(() => String, { description: 'e.g. 100, LJ, PV, 4x200, TRI.' })
  eventCode!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  genders?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => [String], { nullable: true })
  ageGroups?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Heats per round, e.g. "8,3,1"; without units, creates one unit per heat.' })
  rounds?: string | null;

  @Field(() => String, { nullable: true })
  status?: string | null;

  @Field(() => [CompetitionUnitInput], { nullable: true })
  units?: CompetitionUnitInput[] | null;
}

/** Every field of a competition record. Create requires the five marked required; a patch none. */
@InputType()
export class CompetitionPatch {
  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  shortName?: string | null;

  @Field(() => String, { nullable: true, description: 'Unique, lower-case, no spaces.' })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  nameLocal?: string | null;

  @Field(() => String, { nullable: true, description: 'IOC code: three upper-case letters, e.g. GBR.' })
  countryId?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'UUID.' })
  venueId?: string | null;

  @Field(() => Float, { nullable: true, description: '-90 to 90.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: '-180 to 180.' })
  longitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Metres, -1000 to 10000.' })
  altitude?: number | null;

  @Field(() => LocalDateResolver, { nullable: true })
  date?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'On or after date.' })
  finishDate?: string | null;

  @Field(() => String, { nullable: true, description: 'A code (DF) or a number (1-11), kept as sent.' })
  waRankingsCategoryId?: string | null;

  @Field(() => [String], { nullable: true })
  ageGroups?: string[] | null;

  @Field(() => String, { nullable: true })
  nationalId?: string | null;

  @Field(() => String, { nullable: true })
  basicDescription?: string | null;

  @Field(() => String, { nullable: true })
  contactDetails?: string | null;

  @Field(() => String, { nullable: true, description: 'UUID.' })
  organiserId?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  entryLink?: string | null;

  @Field(() => String, { nullable: true })
  resultsLink?: string | null;

  @Field(() => [CompetitionEventInput], { nullable: true, description: 'The events; on update, replaces all events.' })
  events?: CompetitionEventInput[] | null;
}

@InputType()
export class CompetitionInput extends CompetitionPatch {
  @Field(() => String)
  declare fullName: string;

  @Field(() => String, { description: 'Unique, lower-case, no spaces.' })
  declare slug: string;

  @Field(() => String, { description: 'IOC code: three upper-case letters, e.g. GBR.' })
  declare countryId: string;

  @Field(() => LocalDateResolver)
  declare date: string;

  @Field(() => LocalDateResolver, { description: 'On or after date.' })
  declare finishDate: string;

  @Field(() => ID, {
    nullable: true,
    deprecationReason: 'Read-only: ignored. The server assigns every new competition its id.',
  })
  id?: string | null;
}

/** What both competition lists filter and page by: the calendar and the deleted competitions. */
@ArgsType()
export class CompetitionFilterArgs {
  @Field(() => [String], { nullable: true, description: 'IOC country codes (any case).' })
  countries?: string[] | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Starting on or after this day.' })
  fromDate?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Starting on or before this day.' })
  toDate?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'UUID.' })
  organiserId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size: default 100, at most 1000.' })
  limit?: number | null;

  @Field(() => Int, { nullable: true })
  offset?: number | null;
}

@ArgsType()
export class CompetitionListArgs extends CompetitionFilterArgs {
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'Changed at or after this instant (incremental sync).' })
  updatedSince?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'Only these competitions.' })
  ids?: string[] | null;
}

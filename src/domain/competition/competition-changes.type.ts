// GraphQL types of the competition change feed and of tombstones.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import type { CompetitionRow } from '../../db/tables.ts';
import { Competition } from './competition.type.ts';

export enum CompetitionChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(CompetitionChangeKind, {
  name: 'CompetitionChangeKind',
  description: 'CREATED and UPDATED carry the current state (apply as an upsert); DELETED means gone from the feed.',
});

@ObjectType({ description: 'What is kept of a deleted competition, for the retention window (COMPETITION_TOMBSTONE_DAYS).' })
export class CompetitionTombstone {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { name: 'countryId' })
  country_id!: string;

  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => LocalDateResolver, { name: 'finishDate' })
  finish_date!: string;

  @Field(() => String, { name: 'fullName' })
  full_name!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => Int, { description: 'The iCalendar SEQUENCE of the cancellation.' })
  sequence!: number;

  @Field(() => DateTimeISOResolver, { name: 'deletedAt' })
  deleted_at!: Date;
}

@ObjectType({ description: 'A change of one competition. A page reports only the latest state of each competition.' })
export class CompetitionChange {
  @Field(() => CompetitionChangeKind)
  kind!: CompetitionChangeKind;

  @Field(() => ID, { description: 'The competition id (also for DELETED).' })
  id!: string;

  @Field(() => Competition, { nullable: true, description: 'The current state; null for DELETED.' })
  competition!: CompetitionRow | null;

  @Field(() => CompetitionTombstone, {
    nullable: true,
    description: 'For DELETED: the tombstone when the competition was deleted; null when it moved to another country (or the tombstone expired).',
  })
  tombstone!: CompetitionTombstone | null;
}

@ObjectType({ description: 'A page of the change feed.' })
export class CompetitionChangePage {
  @Field(() => [CompetitionChange])
  changes!: CompetitionChange[];

  @Field(() => String, { description: 'Pass as `after` for the next page; keep it for the next sync.' })
  endCursor!: string;

  @Field(() => Boolean, {
    description: 'More changes are ready now. False means caught up for the moment: poll again later with endCursor.',
  })
  hasNextPage!: boolean;
}

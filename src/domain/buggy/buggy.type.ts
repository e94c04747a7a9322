import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { BuggyRow } from '../../db/tables.ts';

/** A user's one race buggy, as last uploaded. Fields read the row's snake_case columns. */
@ObjectType({ description: "A user's race buggy (one per user); every upload replaces it whole." })
export class Buggy {
  @Field(() => Int, { name: 'buggyId', description: 'The "id" the user gave in the upload (default 1).' })
  buggy_id!: number;

  @Field(() => Int, { name: 'qtyWheels' })
  qty_wheels!: number;

  @Field(() => String, { name: 'powerType' })
  power_type!: string;

  @Field(() => Int, { name: 'powerUnits' })
  power_units!: number;

  @Field(() => String, { name: 'auxPowerType', description: 'Not checked on upload: an unknown type only breaks a race rule later.' })
  aux_power_type!: string;

  @Field(() => Int, { name: 'auxPowerUnits' })
  aux_power_units!: number;

  @Field(() => Int, { name: 'hamsterBooster' })
  hamster_booster!: number;

  @Field(() => String, { name: 'flagColor' })
  flag_color!: string;

  @Field(() => String, { name: 'flagPattern' })
  flag_pattern!: string;

  @Field(() => String, { name: 'flagColorSecondary' })
  flag_color_secondary!: string;

  @Field(() => String)
  tyres!: string;

  @Field(() => Int, { name: 'qtyTyres' })
  qty_tyres!: number;

  @Field(() => String)
  armour!: string;

  @Field(() => String)
  attack!: string;

  @Field(() => Int, { name: 'qtyAttacks' })
  qty_attacks!: number;

  @Field(() => Boolean)
  fireproof!: boolean;

  @Field(() => Boolean)
  insulated!: boolean;

  @Field(() => Boolean)
  antibiotic!: boolean;

  @Field(() => Boolean)
  banging!: boolean;

  @Field(() => String)
  algo!: string;

  @Field(() => Int, { name: 'totalCost', nullable: true, description: 'Recomputed on every upload; null when a setting has no game data.' })
  total_cost!: number | null;

  @Field(() => Int, { nullable: true, description: 'Recomputed on every upload; null when a setting has no game data.' })
  mass!: number | null;

  @Field(() => String, { name: 'json', nullable: true, description: 'The uploaded JSON text this buggy was built from.' })
  latest_json!: string | null;

  @Field(() => DateTimeISOResolver, { name: 'uploadedAt', nullable: true })
  uploaded_at!: Date | null;

  @Field(() => DateTimeISOResolver)
  created!: Date;

  @Field(() => DateTimeISOResolver)
  updated!: Date;
}

export type BuggySource = BuggyRow;

@ObjectType({ description: 'The race server\'s answer to an upload: `ok` or `error` (a failed upload is not a GraphQL error, as the raw text is still kept).' })
export class BuggyUploadResult {
  @Field(() => String, { nullable: true, description: '"buggy created OK" or "buggy updated OK".' })
  ok!: string | null;

  @Field(() => String, { nullable: true, description: 'Why nothing was saved, e.g. "Failed to parse JSON data".' })
  error!: string | null;

  @Field(() => Boolean, { description: 'True when this upload created the user\'s first buggy.' })
  created!: boolean;

  @Field(() => Buggy, { nullable: true, description: 'The saved buggy (null when nothing was saved).' })
  buggy!: BuggyRow | null;
}

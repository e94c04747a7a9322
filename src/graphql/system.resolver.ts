import { ROOT_URL } from '../root.ts';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { readFileSync } from 'node:fs';

const version: string = JSON.parse(readFileSync(new URL('package.json', ROOT_URL), 'utf8')).version;

@ObjectType({ description: 'Facts about this gateway.' })
export class ServerInfo {
  @Field(() => String, { description: 'Gantry version.' })
  version!: string;

  @Field(() => Date, { description: 'Current server time.' })
  time!: Date;
}

@Resolver()
export class SystemResolver {
  @Query(() => ServerInfo, { description: 'The gateway version and clock; needs no database.' })
  server(): ServerInfo {
    return { version, time: new Date() };
  }
}

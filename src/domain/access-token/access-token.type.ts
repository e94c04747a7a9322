import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An OpenTrack v1 access token: send it as `Authorization: Bearer <accessToken>`.' })
export class AccessToken {
  @Field(() => String)
  accessToken!: string;

  @Field(() => String, { description: 'Always "bearer".' })
  tokenType!: string;

  @Field(() => Int, { description: 'Seconds until it expires (86400: 24 hours).' })
  expiresIn!: number;
}

@ObjectType({ description: "A static token of OpenTrack's older API: send it as `Authorization: Token <token>`. It lasts until revoked." })
export class StaticToken {
  @Field(() => String)
  token!: string;
}

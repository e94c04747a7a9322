// The GraphQL documents behind the OpenTrack routes and calendar files: parsed and validated once.
import { operation } from '../../src/graphql/operations.ts';
import { RECORD_SELECTION, RECORD_WITH_EVENTS_SELECTION } from './records.ts';

export const listCompetitions = operation(`
  query OpenTrackCompetitions($countries: [String!], $fromDate: LocalDate, $toDate: LocalDate, $slug: String,
      $organiserId: String, $updatedSince: DateTimeISO, $ids: [ID!], $limit: Int, $offset: Int) {
    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, slug: $slug, organiserId: $organiserId,
        updatedSince: $updatedSince, ids: $ids, limit: $limit, offset: $offset) { ${RECORD_SELECTION} }
  }`);

/** The calendar files carry events (consumers read event codes, genders and age groups). */
export const calendarCompetitions = operation(`
  query OpenTrackCalendar($countries: [String!], $fromDate: LocalDate!, $toDate: LocalDate!, $limit: Int!, $offset: Int!) {
    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit, offset: $offset) { ${RECORD_WITH_EVENTS_SELECTION} }
  }`);

export const getCompetition = operation(`
  query OpenTrackCompetition($id: ID!) { competition(id: $id) { ${RECORD_WITH_EVENTS_SELECTION} } }`);

export const createCompetition = operation(`
  mutation OpenTrackCreateCompetition($input: CompetitionInput!, $overrideToken: String) {
    createCompetition(input: $input, overrideToken: $overrideToken) { ${RECORD_WITH_EVENTS_SELECTION} }
  }`);

export const updateCompetition = operation(`
  mutation OpenTrackUpdateCompetition($id: ID!, $input: CompetitionPatch!, $overrideToken: String) {
    updateCompetition(id: $id, input: $input, overrideToken: $overrideToken) { ${RECORD_WITH_EVENTS_SELECTION} }
  }`);

export const deleteCompetition = operation(`
  mutation OpenTrackDeleteCompetition($id: ID!) { deleteCompetition(id: $id) }`);

export const validateCompetition = operation(`
  mutation OpenTrackValidateCompetition($input: CompetitionInput!) { validateCompetition(input: $input) { ${RECORD_WITH_EVENTS_SELECTION} } }`);

export const issueAccessToken = operation(`
  mutation OpenTrackAccessToken($username: String!, $password: String!) {
    issueAccessToken(username: $username, password: $password) { accessToken tokenType expiresIn }
  }`);

export const issueStaticToken = operation(`
  mutation OpenTrackStaticToken($username: String!, $password: String!) { issueStaticToken(username: $username, password: $password) { token } }`);

export const hello = operation(`query OpenTrackHello { me { name fullname emailAddr } }`);

export const myCompetitions = operation(`
  query OpenTrackMyCompetitions($toDate: LocalDate, $limit: Int) {
    myCompetitions(toDate: $toDate, limit: $limit) { date name: fullName id path country: countryId role: viewerRole }
  }`);

/** Tombstones for updated_since + include_deleted=true. */
export const deletedCompetitions = operation(`
  query OpenTrackDeletedCompetitions($countries: [String!], $fromDate: LocalDate, $toDate: LocalDate, $slug: String,
      $organiserId: String, $deletedSince: DateTimeISO, $limit: Int, $offset: Int) {
    deletedCompetitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, slug: $slug, organiserId: $organiserId,
        deletedSince: $deletedSince, limit: $limit, offset: $offset) { id deletedAt }
  }`);

export const competitionChanges = operation(`
  query OpenTrackCompetitionChanges($after: String, $first: Int, $country: String) {
    competitionChanges(after: $after, first: $first, country: $country) {
      changes { kind id competition { ${RECORD_WITH_EVENTS_SELECTION} } tombstone { deletedAt } }
      endCursor hasNextPage
    }
  }`);

// Route schemas of the OpenTrack routes: they validate input (422 on failure) and feed the OpenAPI
// document. Response schemas document only (serialisation is plain JSON.stringify).

const text = (description?: string) => ({ type: ['string', 'null'], ...(description ? { description } : {}) });
const decimal = (description: string) => ({
  type: ['number', 'string', 'null'],
  pattern: '^\\s*-?\\d+(\\.\\d+)?\\s*$',
  description: `${description} A decimal string such as "60.2905" is accepted.`,
});

const unit = {
  type: 'object',
  properties: {
    heat: { type: ['integer', 'null'] },
    round: { type: ['integer', 'null'], description: '1 for the first round.' },
    status: text(),
    results_status: text(),
    results: { type: ['array', 'null'], items: { type: 'object', description: '{place, points, bib, performance, lane}' } },
    heights: { type: ['array', 'null'], items: {} },
    trials: { type: ['array', 'null'], items: { type: 'object', description: '{bib, height, result "o"/"x"}' } },
  },
};

const eventInput = {
  type: 'object',
  required: ['event_id', 'event_code'],
  properties: {
    event_id: { type: ['string', 'integer'], description: 'Unique within the competition.' },
    event_code: { type: ['string', 'integer'], description: 'e.g. 100, LJ, PV, 4x200, TRI.' },
    name: text(),
    genders: text('e.g. M, F, MF.'),
    category: text(),
    age_groups: { type: ['array', 'null'], items: { type: 'string' } },
    rounds: text('Heats per round, e.g. "8,3,1": without units, creates one unit per heat (12 here).'),
    status: text(),
    units: { type: ['array', 'null'], items: unit },
  },
};

const recordInputProperties = {
  full_name: { type: 'string', description: 'Required on create.', example: 'EAP - Malta International Meet' },
  short_name: text(),
  slug: { type: 'string', description: 'Required on create. Unique; lower-case, no spaces.', example: 'malta-inter-meet' },
  name_local: text(),
  country_id: { type: 'string', description: 'Required on create. IOC code, three upper-case letters.', example: 'MLT' },
  address: text(),
  city: text(),
  venue_id: text('UUID.'),
  latitude: decimal('-90 to 90.'),
  longitude: decimal('-180 to 180.'),
  altitude: decimal('Metres.'),
  date: { type: 'string', format: 'date', description: 'Required on create. First day.', example: '2021-05-08' },
  finish_date: { type: 'string', format: 'date', description: 'Required on create. Last day, on or after date.', example: '2021-05-08' },
  wa_rankings_category_id: { type: ['string', 'integer', 'null'], description: 'World Athletics ranking category: a code (DF) or a number (1-11).' },
  age_groups: { type: ['array', 'null'], items: { type: 'string' } },
  national_id: text("The competition's id in the national system."),
  basic_description: text(),
  contact_details: text(),
  organiser_id: text('UUID.'),
  website: text(),
  entry_link: text(),
  results_link: text(),
  override_token: text('From a 409 duplicate answer: creates the competition anyway (valid 3 days).'),
  id: { description: 'Read-only, ignored: the server assigns the id (re-posting an answer creates a new competition).' },
  year: { description: 'Read-only, ignored: derived from date.' },
  events: { type: ['array', 'null'], items: eventInput, description: 'Replaces all events when given.' },
};

export const competitionCreateBody = {
  type: 'object',
  required: ['full_name', 'slug', 'country_id', 'date', 'finish_date'],
  properties: recordInputProperties,
};

export const competitionUpdateBody = {
  type: 'object',
  description: 'Any fields of the record; the others keep their values.',
  properties: recordInputProperties,
};

const eventOutput = {
  type: 'object',
  properties: {
    event_id: { type: 'string' },
    event_code: { type: ['string', 'null'] },
    name: text(),
    genders: text(),
    category: text(),
    age_groups: { type: ['array', 'null'], items: { type: 'string' } },
    rounds: text(),
    status: text(),
    units: { type: ['array', 'null'], items: unit },
  },
};

export const competitionRecord = {
  type: 'object',
  description: 'A competition calendar record.',
  properties: {
    full_name: { type: 'string' },
    short_name: text(),
    slug: { type: 'string' },
    name_local: text(),
    country_id: { type: 'string' },
    address: text(),
    city: text(),
    venue_id: text(),
    latitude: { type: ['number', 'null'] },
    longitude: { type: ['number', 'null'] },
    altitude: { type: ['number', 'null'] },
    date: { type: 'string', format: 'date' },
    finish_date: { type: 'string', format: 'date' },
    wa_rankings_category_id: { type: ['integer', 'string', 'null'] },
    age_groups: { type: ['array', 'null'], items: { type: 'string' } },
    national_id: text(),
    basic_description: text(),
    contact_details: text(),
    organiser_id: text(),
    website: text(),
    entry_link: text(),
    results_link: text(),
    override_token: { type: 'null', description: 'Always null in answers.' },
    id: { type: 'string', format: 'uuid' },
    year: { type: 'integer' },
    events: { type: ['array', 'null'], items: eventOutput, description: 'null in lists.' },
  },
};

export const detail = (description: string) => ({
  description,
  type: 'object',
  properties: { detail: { type: 'string' } },
});

export const validationFailure = {
  description: 'Validation error: every problem, with where it is.',
  type: 'object',
  properties: {
    detail: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          loc: { type: 'array', items: { type: ['string', 'integer'] } },
          msg: { type: 'string' },
          type: { type: 'string' },
        },
      },
    },
  },
};

export const duplicateFailure = {
  description: 'A competition with the same name and date exists (send override_token to create anyway), or the slug or id is taken (no token helps).',
  type: 'object',
  properties: {
    detail: {
      oneOf: [
        { type: 'string' },
        {
          type: 'object',
          properties: {
            error: { type: 'string' },
            override_token: { type: 'string', description: 'JWT bound to this name and date, valid 3 days.' },
            mathing_competitions: { type: 'array', items: competitionRecord, description: 'Spelled so, as OpenTrack does.' },
            override_token_error: { type: 'string', description: 'Why the override_token sent was not accepted.' },
          },
        },
      ],
    },
  },
};

export const competitionId = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid', description: 'Competition id.' } },
};

export const bearerAuth = [{ bearerAuth: [] }];
export const tokenAuth = [{ tokenAuth: [] }];

export const authErrors = {
  401: detail('Not authenticated: send `Authorization: Bearer <access_token>`.'),
  403: detail('Signed in, but not allowed: admins, the ADMIN_<IOC> group of the country and the competition director may.'),
};

/** A deleted competition in a list with include_deleted=true (Gantry's own extension). */
export const deletedRecord = {
  type: 'object',
  description: 'A competition deleted within the retention window (COMPETITION_TOMBSTONE_DAYS). Gantry extension.',
  properties: {
    id: { type: 'string', format: 'uuid' },
    deleted: { type: 'boolean', enum: [true] },
    deleted_at: { type: 'string', format: 'date-time' },
  },
};

/** A page of GET /api/v1/competitions/changes/ (Gantry extension). */
export const changePage = {
  type: 'object',
  description: 'A page of the change feed. Store `cursor` and pass it back; `has_more` false means caught up for now.',
  properties: {
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          change: { type: 'string', enum: ['created', 'updated', 'deleted'] },
          id: { type: 'string', format: 'uuid' },
          deleted: { type: 'boolean' },
          deleted_at: { type: ['string', 'null'], format: 'date-time', description: 'When deleted; null when the competition moved to another country.' },
          competition: { anyOf: [competitionRecord, { type: 'null' }], description: 'The current record with its events; null when deleted.' },
        },
      },
    },
    cursor: { type: 'string', description: 'Opaque: where the next page starts.' },
    has_more: { type: 'boolean' },
  },
};

// The 51 member federations of European Athletics, by IOC code. The European calendar holds the
// competitions of these countries. Competitions stored under the ISO 3166 code where it differs from
// the IOC one (DEU for GER, NLD for NED, ...) are counted in too.
export const EUROPEAN_ATHLETICS_MEMBERS: readonly string[] = [
  'ALB', 'AND', 'ARM', 'AUT', 'AZE', 'BLR', 'BEL', 'BIH', 'BUL', 'CRO', 'CYP', 'CZE', 'DEN',
  'EST', 'FIN', 'FRA', 'GEO', 'GER', 'GIB', 'GBR', 'GRE', 'HUN', 'ISL', 'IRL', 'ISR', 'ITA',
  'KOS', 'LAT', 'LIE', 'LTU', 'LUX', 'MLT', 'MDA', 'MON', 'MNE', 'NED', 'MKD', 'NOR', 'POL',
  'POR', 'ROU', 'RUS', 'SMR', 'SRB', 'SVK', 'SLO', 'ESP', 'SWE', 'SUI', 'TUR', 'UKR',
];

/** ISO 3166 alpha-3 code -> IOC code, for the members whose codes differ. */
export const ISO_TO_IOC: Readonly<Record<string, string>> = {
  BGR: 'BUL', HRV: 'CRO', DNK: 'DEN', DEU: 'GER', GRC: 'GRE', XKX: 'KOS', LVA: 'LAT',
  MCO: 'MON', NLD: 'NED', PRT: 'POR', SVN: 'SLO', CHE: 'SUI',
};

/** Country codes whose competitions go into the European calendar. */
export const EUROPEAN_CALENDAR_COUNTRIES: readonly string[] = [...EUROPEAN_ATHLETICS_MEMBERS, ...Object.keys(ISO_TO_IOC)];

// The race server's game data (docs/dialects/raceserver.md, Game data): the valid choices of each
// setting with their cost and mass, the defaults an upload falls back to, and the derived totals.

export interface Item {
  cost: number;
  mass: number;
}

export const POWER_TYPES: Record<string, Item> = {
  petrol: { cost: 4, mass: 2 },
  fusion: { cost: 400, mass: 100 },
  steam: { cost: 3, mass: 4 },
  bio: { cost: 5, mass: 2 },
  electric: { cost: 20, mass: 20 },
  rocket: { cost: 16, mass: 2 },
  hamster: { cost: 3, mass: 1 },
  thermo: { cost: 300, mass: 100 },
  solar: { cost: 40, mass: 30 },
  wind: { cost: 20, mass: 30 },
  none: { cost: 0, mass: 0 },
};

export const TYRE_TYPES: Record<string, Item> = {
  knobbly: { cost: 15, mass: 20 },
  slick: { cost: 10, mass: 14 },
  steelband: { cost: 20, mass: 28 },
  reactive: { cost: 40, mass: 20 },
  maglev: { cost: 50, mass: 30 },
};

export const ARMOUR_TYPES: Record<string, Item> = {
  none: { cost: 0, mass: 0 },
  wood: { cost: 40, mass: 100 },
  aluminium: { cost: 200, mass: 50 },
  thinsteel: { cost: 100, mass: 200 },
  thicksteel: { cost: 200, mass: 400 },
  titanium: { cost: 290, mass: 300 },
};

export const ATTACK_TYPES: Record<string, Item> = {
  none: { cost: 0, mass: 0 },
  spike: { cost: 5, mass: 10 },
  flame: { cost: 20, mass: 12 },
  charge: { cost: 28, mass: 25 },
  biohazard: { cost: 30, mass: 10 },
};

export const ALGO_TYPES = ['defensive', 'steady', 'offensive', 'titfortat', 'random', 'buggy'];
export const FLAG_PATTERNS = ['plain', 'vstripe', 'hstripe', 'dstripe', 'check', 'spot'];

export const SPECIAL_ITEMS = {
  hamster_booster: { cost: 5, mass: 1 },
  fireproof: { cost: 70, mass: 8 },
  insulated: { cost: 100, mass: 20 },
  antibiotic: { cost: 90, mass: 8 },
  banging: { cost: 42, mass: 40 },
} as const;

export const BASE_MASS_PER_WHEEL = 12;

/** Every setting of a buggy, as stored (snake_case, as in the uploaded JSON). */
export interface BuggySettings {
  buggy_id: number;
  qty_wheels: number;
  power_type: string;
  power_units: number;
  aux_power_type: string;
  aux_power_units: number;
  hamster_booster: number;
  flag_color: string;
  flag_pattern: string;
  flag_color_secondary: string;
  tyres: string;
  qty_tyres: number;
  armour: string;
  attack: string;
  qty_attacks: number;
  fireproof: boolean;
  insulated: boolean;
  antibiotic: boolean;
  banging: boolean;
  algo: string;
}

/** What an upload resets every setting it does not give to (the upload replaces the whole buggy). */
export const BUGGY_DEFAULTS: BuggySettings = {
  buggy_id: 1,
  qty_wheels: 4,
  power_type: 'petrol',
  power_units: 1,
  aux_power_type: 'none',
  aux_power_units: 0,
  hamster_booster: 0,
  flag_color: '#888888',
  flag_pattern: 'plain',
  flag_color_secondary: 'black',
  tyres: 'knobbly',
  qty_tyres: 4,
  armour: 'none',
  attack: 'none',
  qty_attacks: 0,
  fireproof: false,
  insulated: false,
  antibiotic: false,
  banging: false,
  algo: 'steady',
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const int32OrNull = (value: number): number | null => (value >= INT32_MIN && value <= INT32_MAX ? value : null);

type Measure = 'cost' | 'mass';

/**
 * Total cost or mass, as the original computes it: the main sum is truncated to an integer
 * (armour weighs 10% more per wheel above four), then auxiliary power and specials are added.
 * Null when a setting has no game data (e.g. an unchecked aux_power_type), or when the total does
 * not fit the integer column.
 */
function total(b: BuggySettings, measure: Measure): number | null {
  const power = POWER_TYPES[b.power_type];
  const tyres = TYRE_TYPES[b.tyres];
  const armour = ARMOUR_TYPES[b.armour];
  const attack = ATTACK_TYPES[b.attack];
  const aux = POWER_TYPES[b.aux_power_type];
  if (!power || !tyres || !armour || !attack || !aux) return null;
  const armourFactor = (100 + Math.max(0, b.qty_wheels - BUGGY_DEFAULTS.qty_wheels) * 10) / 100;
  let sum = Math.trunc(
    (measure === 'mass' ? b.qty_wheels * BASE_MASS_PER_WHEEL : 0) +
      power[measure] * b.power_units +
      SPECIAL_ITEMS.hamster_booster[measure] * b.hamster_booster +
      tyres[measure] * b.qty_tyres +
      armour[measure] * armourFactor +
      attack[measure] * b.qty_attacks,
  );
  sum += aux[measure] * b.aux_power_units;
  for (const special of ['fireproof', 'insulated', 'antibiotic', 'banging'] as const) {
    if (b[special]) sum += SPECIAL_ITEMS[special][measure];
  }
  return int32OrNull(sum);
}

export const totalCost = (b: BuggySettings): number | null => total(b, 'cost');
export const totalMass = (b: BuggySettings): number | null => total(b, 'mass');

// The race server's forgiving reading of an uploaded buggy (docs/dialects/raceserver.md, Buggy JSON rules):
// each known key is coerced on its own, a value that cannot be coerced is silently ignored, unknown
// keys are ignored, and whatever is not given falls back to its default (full replacement).
//
// Where the original crashed with a 500, Gantry ignores the value instead: null, a list or a dict
// where a number is expected, infinity, and a top-level value that is not an object (which then
// ends in "Nothing to change"). Integers must also fit the database's integer columns.
// A null for a text setting is not a crash in the original: str(None) is "None", read as "none".
import { ALGO_TYPES, ARMOUR_TYPES, ATTACK_TYPES, BUGGY_DEFAULTS, FLAG_PATTERNS, POWER_TYPES, TYRE_TYPES, type BuggySettings } from './game-data.ts';
import { pyInt, pyStr, pyStrip, type PyValue } from './python-values.ts';

type IntKey = 'qty_wheels' | 'power_units' | 'aux_power_units' | 'qty_tyres' | 'qty_attacks' | 'hamster_booster';
type BoolKey = 'fireproof' | 'insulated' | 'antibiotic' | 'banging';
type TextKey = 'power_type' | 'tyres' | 'armour' | 'attack' | 'algo' | 'flag_pattern' | 'aux_power_type' | 'flag_color' | 'flag_color_secondary';

const INT_KEYS: IntKey[] = ['qty_wheels', 'power_units', 'aux_power_units', 'qty_tyres', 'qty_attacks', 'hamster_booster'];
const BOOL_KEYS: BoolKey[] = ['fireproof', 'insulated', 'antibiotic', 'banging'];

/** Text settings: the longest value kept, and the valid choices (none: any sanitised text is kept). */
const TEXT_RULES: Record<TextKey, { max: number; choices?: readonly string[] }> = {
  power_type: { max: 16, choices: Object.keys(POWER_TYPES) },
  tyres: { max: 16, choices: Object.keys(TYRE_TYPES) },
  armour: { max: 16, choices: Object.keys(ARMOUR_TYPES) },
  attack: { max: 16, choices: Object.keys(ATTACK_TYPES) },
  algo: { max: 16, choices: ALGO_TYPES },
  flag_pattern: { max: 8, choices: FLAG_PATTERNS },
  aux_power_type: { max: 16 },
  flag_color: { max: 32 },
  flag_color_secondary: { max: 32 },
};

const INT32_MIN = -2147483648n;
const INT32_MAX = 2147483647n;

/** int(value) kept only when it fits an integer column. */
export function coerceInt(value: PyValue): number | undefined {
  const n = pyInt(value);
  return n !== undefined && n >= INT32_MIN && n <= INT32_MAX ? Number(n) : undefined;
}

/** A JSON boolean as is; otherwise "true"/"1" and "false"/"0" (trimmed, any case). */
export function coerceBool(value: PyValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = pyStrip(pyStr(value)).toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

/** Lower-cased ASCII letters and digits (a leading "#" is kept), truncated; empty means ignored. */
export function sanitiseText(value: PyValue, max: number): string | undefined {
  const text = pyStrip(pyStr(value)).toLowerCase();
  const kept = (text.startsWith('#') ? '#' : '') + text.replace(/[^a-z0-9]/g, '');
  const result = kept.slice(0, max);
  return result === '' ? undefined : result;
}

export function coerceText(key: TextKey, value: PyValue): string | undefined {
  const rule = TEXT_RULES[key];
  const text = sanitiseText(value, rule.max);
  if (text === undefined || (rule.choices && !rule.choices.includes(text))) return undefined;
  return text;
}

export interface Coerced {
  /** The full buggy: given values where usable, defaults everywhere else. */
  settings: BuggySettings;
  /** Keys that produced a value; empty means "nothing to change". */
  used: string[];
}

export function coerceBuggy(data: PyValue): Coerced {
  const settings: BuggySettings = { ...BUGGY_DEFAULTS };
  const used: string[] = [];
  if (!(data instanceof Map)) return { settings, used };
  const given = settings as unknown as Record<string, unknown>;
  for (const [key, value] of data) {
    let coerced: number | boolean | string | undefined;
    let column = key;
    if (key === 'id') {
      coerced = coerceInt(value);
      column = 'buggy_id';
    } else if ((INT_KEYS as string[]).includes(key)) coerced = coerceInt(value);
    else if ((BOOL_KEYS as string[]).includes(key)) coerced = coerceBool(value);
    else if (Object.hasOwn(TEXT_RULES, key)) coerced = coerceText(key as TextKey, value);
    else continue; // unknown keys are ignored (keys are case-sensitive)
    if (coerced === undefined) continue;
    given[column] = coerced;
    if (!used.includes(column)) used.push(column);
  }
  return { settings, used };
}

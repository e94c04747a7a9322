// The race server's forgiving coercion (docs/dialects/raceserver.md, Buggy JSON rules) and game data (Game data).
import { describe, expect, it } from 'vitest';
import { coerceBuggy } from '../../src/domain/buggy/coercion.ts';
import { BUGGY_DEFAULTS, totalCost, totalMass, type BuggySettings } from '../../src/domain/buggy/game-data.ts';
import { parsePythonJson, PyFloat, pyFloatRepr, pyStr, PyJsonError } from '../../src/domain/buggy/python-values.ts';

/** What one key's value becomes, or undefined when it is ignored. */
function coerced(key: string, jsonValue: string): unknown {
  const { settings, used } = coerceBuggy(parsePythonJson(`{"${key}": ${jsonValue}}`));
  const column = key === 'id' ? 'buggy_id' : key;
  return used.includes(column) ? (settings as unknown as Record<string, unknown>)[column] : undefined;
}

describe('reading JSON as Python does', () => {
  it('keeps integers and floats apart and reads big integers exactly', () => {
    expect(parsePythonJson('6')).toBe(6n);
    expect(parsePythonJson('6.0')).toEqual(new PyFloat(6));
    expect(parsePythonJson('1e2')).toEqual(new PyFloat(100));
    expect(parsePythonJson('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(parsePythonJson('[NaN, Infinity, -Infinity]')).toEqual([new PyFloat(NaN), new PyFloat(Infinity), new PyFloat(-Infinity)]);
  });

  it('keeps the last value of a repeated key', () => {
    expect(parsePythonJson('{"a": 1, "a": 2}')).toEqual(new Map([['a', 2n]]));
  });

  it('refuses what json.loads refuses', () => {
    for (const bad of ['', '{"a": 1,}', "{'a': 1}", '{"a": 1} x', '\ufeff{}', '{"a": "\u0001"}', '01', '[1,]', '{"a" 1}', 'nul', '"\\x41"']) {
      expect(() => parsePythonJson(bad), JSON.stringify(bad)).toThrow(PyJsonError);
    }
    expect(() => parsePythonJson('['.repeat(5000))).toThrow(PyJsonError);
  });

  it('prints values as str() does', () => {
    expect(pyStr(null)).toBe('None');
    expect(pyStr(true)).toBe('True');
    expect(pyStr(parsePythonJson('["bio", 1, 2.5, null, {"k": "it\'s"}]'))).toBe(`['bio', 1, 2.5, None, {'k': "it's"}]`);
    expect(pyStr(parsePythonJson('"a\\nb"'))).toBe('a\nb');
    expect(pyStr(parsePythonJson('["a\\nb"]'))).toBe("['a\\nb']");
    expect([6, 6.5, 1e16, 1.5e-7, 0.0001, 123456789.125, -0, 1e22, 5e-324].map(pyFloatRepr)).toEqual([
      '6.0',
      '6.5',
      '1e+16',
      '1.5e-07',
      '0.0001',
      '123456789.125',
      '-0.0',
      '1e+22',
      '5e-324',
    ]);
  });
});

describe('integer settings: int(value)', () => {
  it.each([
    ['"6"', 6],
    ['" 6 "', 6],
    ['"+6"', 6],
    ['"1_0"', 10],
    ['6.9', 6],
    ['-6.9', -6],
    ['true', 1],
    ['false', 0],
    ['6', 6],
  ])('qty_wheels %s becomes %s', (value, expected) => {
    expect(coerced('qty_wheels', value)).toBe(expected);
  });

  it.each([['"6.5"'], ['"four"'], ['""'], ['"0x6"'], ['null'], ['[]'], ['[6]'], ['{}'], ['Infinity'], ['NaN'], ['2147483648'], ['1e10']])(
    'qty_wheels %s is ignored (the default stays)',
    (value) => {
      expect(coerced('qty_wheels', value)).toBeUndefined();
    },
  );

  it('reads "id" as buggy_id the same way', () => {
    expect(coerced('id', '7.9')).toBe(7);
    expect(coerced('id', '"12"')).toBe(12);
    expect(coerced('id', '"seven"')).toBeUndefined();
    expect(coerced('id', 'null')).toBeUndefined();
  });

  it('applies to every integer setting', () => {
    for (const key of ['power_units', 'aux_power_units', 'qty_tyres', 'qty_attacks', 'hamster_booster']) expect(coerced(key, '"3"')).toBe(3);
  });
});

describe('boolean settings', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['"TRUE"', true],
    ['" False "', false],
    ['"1"', true],
    ['"0"', false],
    ['1', true],
    ['0', false],
  ])('fireproof %s becomes %s', (value, expected) => {
    expect(coerced('fireproof', value)).toBe(expected);
  });

  it.each([['"yes"'], ['1.0'], ['2'], ['null'], ['[true]'], ['""']])('fireproof %s is ignored', (value) => {
    expect(coerced('fireproof', value)).toBeUndefined();
  });
});

describe('text settings with a list of choices', () => {
  it('lower-cases, keeps only ASCII letters and digits, and checks the choice', () => {
    expect(coerced('power_type', '"BIO"')).toBe('bio');
    expect(coerced('power_type', '"  b-i o! "')).toBe('bio');
    expect(coerced('power_type', '"plasma"')).toBeUndefined();
    expect(coerced('tyres', '"Steel Band"')).toBe('steelband');
    expect(coerced('algo', '"Tit-for-Tat"')).toBe('titfortat');
    expect(coerced('flag_pattern', '"check"')).toBe('check');
    // truncated to 8 before the check
    expect(coerced('flag_pattern', '"vstripeXX"')).toBeUndefined();
    expect(coerced('attack', '"  "')).toBeUndefined();
  });

  it('reads null as "none", valid where "none" is a choice', () => {
    expect(coerced('armour', 'null')).toBe('none');
    expect(coerced('attack', 'null')).toBe('none');
    expect(coerced('tyres', 'null')).toBeUndefined();
    expect(coerced('algo', 'null')).toBeUndefined();
  });

  it("sanitises str() of other values, as Python's str() prints them", () => {
    expect(coerced('power_type', '["bio"]')).toBe('bio');
    expect(coerced('power_type', 'true')).toBeUndefined();
  });
});

describe('text settings without a choice check', () => {
  it('stores any sanitised aux_power_type (16 characters)', () => {
    expect(coerced('aux_power_type', '"Plasma Drive"')).toBe('plasmadrive');
    expect(coerced('aux_power_type', '"abcdefghijklmnopqrstuvwxyz"')).toBe('abcdefghijklmnop');
    expect(coerced('aux_power_type', '6.0')).toBe('60');
  });

  it('stores flag colours lower-cased with a leading # (32 characters)', () => {
    expect(coerced('flag_color', '"#FF00FF"')).toBe('#ff00ff');
    expect(coerced('flag_color_secondary', '"light blue"')).toBe('lightblue');
    expect(coerced('flag_color', `"${'a'.repeat(40)}"`)).toBe('a'.repeat(32));
    expect(coerced('flag_color', '"!!!"')).toBeUndefined();
  });
});

describe('the whole upload', () => {
  it('ignores unknown and differently-cased keys, and fills every default', () => {
    const { settings, used } = coerceBuggy(parsePythonJson('{"Qty_Wheels": 8, "colour": "red", "qty_wheels": "6"}'));
    expect(used).toEqual(['qty_wheels']);
    expect(settings).toEqual({ ...BUGGY_DEFAULTS, qty_wheels: 6 });
  });

  it.each([['["qty_wheels"]'], ['"qty_wheels"'], ['6'], ['null'], ['true'], ['{}'], ['{"qty_wheels": null}']])('%s changes nothing', (json) => {
    expect(coerceBuggy(parsePythonJson(json)).used).toEqual([]);
  });
});

describe('cost and mass', () => {
  const buggy = (changes: Partial<BuggySettings>): BuggySettings => ({ ...BUGGY_DEFAULTS, ...changes });

  it('computes the defaults', () => {
    expect(totalCost(BUGGY_DEFAULTS)).toBe(64); // petrol 4 + knobbly 15 x 4
    expect(totalMass(BUGGY_DEFAULTS)).toBe(130); // 4 wheels x 12 + petrol 2 + knobbly 20 x 4
  });

  it('adds 10% armour per wheel above four, auxiliary power and specials', () => {
    const b = buggy({ qty_wheels: 8, qty_tyres: 10, armour: 'wood', attack: 'spike', qty_attacks: 3, aux_power_type: 'solar', aux_power_units: 2, hamster_booster: 2, banging: true, antibiotic: true });
    // 4 + 2x5 + 15x10 + 40x1.4 + 5x3 = 235; + solar 40x2 + banging 42 + antibiotic 90
    expect(totalCost(b)).toBe(235 + 80 + 42 + 90);
    // 8x12 + 2 + 2x1 + 20x10 + 100x1.4 + 10x3 = 470; + solar 30x2 + banging 40 + antibiotic 8
    expect(totalMass(b)).toBe(470 + 60 + 40 + 8);
  });

  it('is null when a setting has no game data, or the total does not fit', () => {
    expect(totalCost(buggy({ aux_power_type: 'plasma' }))).toBeNull();
    expect(totalMass(buggy({ aux_power_type: 'plasma' }))).toBeNull();
    expect(totalCost(buggy({ power_type: 'fusion', power_units: 2_000_000_000 }))).toBeNull();
  });
});

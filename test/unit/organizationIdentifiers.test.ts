import { describe, expect, it } from 'vitest';
import { isValidRna, isValidSiret } from '../../functions/submissions/organizationIdentifiers.ts';

/** Completes 13 digits with the digit that makes the Luhn sum a multiple of 10. */
function withLuhnKey(thirteen: string): string {
  for (let key = 0; key <= 9; key++) {
    const digits = `${thirteen}${key}`;
    let sum = 0;
    for (let index = 0; index < digits.length; index++) {
      let digit = Number(digits[digits.length - 1 - index]);
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error('unreachable');
}

describe('organisation identifiers', () => {
  it('accept a SIRET whose Luhn key holds, written with spaces or not', () => {
    const siret = withLuhnKey('7328293200007');
    expect(isValidSiret(siret)).toBe(true);
    expect(
      isValidSiret(`${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`),
    ).toBe(true);
  });

  it('refuse a SIRET with a wrong key, the wrong length or letters', () => {
    const siret = withLuhnKey('7328293200007');
    const wrongKey = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
    expect(isValidSiret(wrongKey)).toBe(false);
    expect(isValidSiret(siret.slice(1))).toBe(false);
    expect(isValidSiret(`${siret}0`)).toBe(false);
    expect(isValidSiret(`A${siret.slice(1)}`)).toBe(false);
    expect(isValidSiret('')).toBe(false);
  });

  it('accept La Poste’s establishments (SIREN 356000000) when their digits add up to a multiple of 5', () => {
    // 3 + 5 + 6 + 1 = 15: a multiple of 5, though its Luhn sum is not a multiple of 10.
    expect(isValidSiret('35600000000001')).toBe(true);
    expect(withLuhnKey('3560000000000')).not.toBe('35600000000001');
    // 3 + 5 + 6 + 2 = 16: refused, whatever its Luhn sum.
    expect(isValidSiret('35600000000002')).toBe(false);
    expect(isValidSiret('35600000000048')).toBe(false);
  });

  it('accept an RNA number as W and nine digits, and nothing else', () => {
    expect(isValidRna('W751234567')).toBe(true);
    expect(isValidRna('w 751 234 567')).toBe(true);
    expect(isValidRna('W75123456')).toBe(false);
    expect(isValidRna('751234567')).toBe(false);
    expect(isValidRna('X751234567')).toBe(false);
  });
});

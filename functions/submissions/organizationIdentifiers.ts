/**
 * The identifiers an organisation gives (pure, no dependency: the form's component may use them
 * too). Both are checked for their form, and the SIRET for its check key; neither proves the
 * organisation exists: the moderator looks it up (annuaire-entreprises.data.gouv.fr).
 */

/** Spaces and dots people type inside numbers (`123 456 789 00012`) are not part of them. */
export const compactIdentifier = (text: string): string =>
  text.replace(/[\s.\u00a0\u202f-]/g, '').toUpperCase();

/** The Luhn sum of a string of digits (each second digit from the right doubled). */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** La Poste's SIREN: its establishments' SIRET do not follow the Luhn key (INSEE's exception). */
const laPosteSiren = '356000000';

/**
 * A SIRET (SIREN + NIC, 14 digits) whose check key holds: the Luhn sum is a multiple of 10;
 * for La Poste's establishments (SIREN 356000000), the sum of the digits is a multiple of 5.
 */
export function isValidSiret(text: string): boolean {
  const siret = compactIdentifier(text);
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(laPosteSiren)) {
    const digitSum = [...siret].reduce((sum, digit) => sum + Number(digit), 0);
    return digitSum % 5 === 0;
  }
  return luhnSum(siret) % 10 === 0;
}

/**
 * An association's number in the Répertoire national des associations: `W` and nine digits
 * (associations declared before 2010 were given one when their Waldec number was carried
 * over). It has no check key. Associations of Alsace-Moselle are registered by their court,
 * not in the RNA: they give their SIRET.
 */
export const isValidRna = (text: string): boolean => /^W\d{9}$/.test(compactIdentifier(text));

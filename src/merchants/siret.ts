/** La Poste's SIREN: its establishments' SIRETs follow their own checksum rule. */
const LA_POSTE_SIREN = '356000000';

/**
 * A SIRET is 14 digits (spaces allowed when typed) whose Luhn checksum holds; La Poste's
 * establishments (SIREN 356000000) are numbered so that the sum of their digits is a
 * multiple of 5 instead. Returns the 14 digits, or null when invalid.
 */
export function normalizeSiret(value: string): string | null {
  const digits = value.replace(/[\s.]/g, '');
  if (!/^\d{14}$/.test(digits)) return null;
  if (luhnValid(digits)) return digits;
  if (digits.startsWith(LA_POSTE_SIREN) && digitSum(digits) % 5 === 0) return digits;
  return null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts from the second digit from the right.
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const c of digits) sum += c.charCodeAt(0) - 48;
  return sum;
}

// Prices are kept in integer cents so that sums never pick up floating-point error.

export type Cents = number;

export const CURRENCY = 'EUR';

/** Formats 123456 as "1,234.56 EUR". */
export function formatPrice(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100);
  const fraction = Math.abs(cents) % 100;
  return `${sign}${whole.toLocaleString('en-US')}.${String(fraction).padStart(2, '0')} ${CURRENCY}`;
}

/** Parses "12.50" or "12,50" into 1250 cents; throws on anything else. */
export function parsePrice(text: string): Cents {
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) {
    throw new Error(`Not a price: ${text}`);
  }
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '0').padEnd(2, '0'));
  return whole * 100 + fraction;
}

/** Applies a percentage discount, rounding to the nearest cent. */
export function applyDiscount(cents: Cents, percent: number): Cents {
  if (percent < 0 || percent > 100) {
    throw new RangeError(`Discount must be between 0 and 100: ${percent}`);
  }
  return Math.round(cents * (1 - percent / 100));
}

/** Adds VAT at the given rate, rounding to the nearest cent. */
export function addTax(cents: Cents, rate: number): Cents {
  return Math.round(cents * (1 + rate));
}

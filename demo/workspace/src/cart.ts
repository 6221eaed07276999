import type { Inventory, Item } from './inventory';
import { type Cents, addTax, applyDiscount, formatPrice } from './money';

export interface CartLine {
  readonly item: Item;
  quantity: number;
}

/** A customer's cart: lines checked against the inventory, priced with discount and tax. */
export class Cart {
  private readonly lines: CartLine[] = [];
  private discountPercent = 0;

  constructor(
    private readonly inventory: Inventory,
    private readonly taxRate = 0.2,
  ) {}

  addItem(sku: string, quantity = 1): void {
    const item = this.inventory.findItem(sku);
    if (!item) {
      throw new Error(`Unknown item: ${sku}`);
    }
    const line = this.lines.find((l) => l.item.sku === sku);
    if (line) {
      line.quantity += quantity;
      return;
    }
    this.lines.push({ item, quantity });
  }

  removeItem(sku: string): void {
    const index = this.lines.findIndex((l) => l.item.sku === sku);
    if (index >= 0) {
      this.lines.splice(index, 1);
    }
  }

  setDiscount(percent: number): void {
    this.discountPercent = percent;
  }

  subtotal(): Cents {
    let total = 0;
    for (const line of this.lines) {
      total += line.item.price * line.quantity;
    }
    return total;
  }

  total(): Cents {
    return addTax(applyDiscount(this.subtotal(), this.discountPercent), this.taxRate);
  }

  receipt(): string {
    const lines = this.lines.map((line) => `${line.quantity} x ${line.item.name}: ${formatPrice(line.item.price * line.quantity)}`);
    lines.push(`Total: ${formatPrice(this.total())}`);
    return lines.join('\n');
  }
}

import { type Cents, formatPrice } from './money';

export interface Item {
  readonly sku: string;
  readonly name: string;
  readonly price: Cents;
  quantity: number;
}

/** The stock of one shop: items by SKU. */
export class Inventory {
  private readonly items = new Map<string, Item>();

  addItem(item: Item): void {
    const existing = this.items.get(item.sku);
    if (existing) {
      existing.quantity += item.quantity;
      return;
    }
    this.items.set(item.sku, { ...item });
  }

  removeItem(sku: string, quantity: number): void {
    const item = this.items.get(sku);
    if (!item) {
      throw new Error(`Unknown item: ${sku}`);
    }
    if (item.quantity < quantity) {
      throw new Error(`Only ${item.quantity} of ${item.name} left`);
    }
    item.quantity -= quantity;
  }

  findItem(sku: string): Item | undefined {
    return this.items.get(sku);
  }

  findByName(query: string): Item[] {
    const needle = query.toLowerCase();
    return [...this.items.values()].filter((item) => item.name.toLowerCase().includes(needle));
  }

  lowStock(threshold: number): Item[] {
    return [...this.items.values()].filter((item) => item.quantity < threshold);
  }

  totalValue(): Cents {
    let total = 0;
    for (const item of this.items.values()) {
      total += item.price * item.quantity;
    }
    return total;
  }

  describe(): string {
    const lines = [...this.items.values()].map((item) => `${item.name}: ${item.quantity} x ${formatPrice(item.price)}`);
    return lines.join('\n');
  }
}

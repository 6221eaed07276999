import { Cart } from './cart';
import { Inventory } from './inventory';
import { formatPrice } from './money';

const inventory = new Inventory();
inventory.addItem({ sku: 'MUG-01', name: 'Coffee mug', price: 899, quantity: 24 });
inventory.addItem({ sku: 'TEA-02', name: 'Green tea, 100 g', price: 649, quantity: 40 });
inventory.addItem({ sku: 'PEN-03', name: 'Fountain pen', price: 2450, quantity: 6 });

const cart = new Cart(inventory);
cart.addItem('MUG-01', 2);
cart.addItem('TEA-02');
cart.setDiscount(10);

console.log(cart.receipt());
console.log(`Stock value: ${formatPrice(inventory.totalValue())}`);
for (const item of inventory.lowStock(10)) {
  console.log(`Low stock: ${item.name} (${item.quantity} left)`);
}

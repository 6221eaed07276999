"""Prints a stock report from data/inventory.json: value per item, low stock, totals."""

import json
import sys
from pathlib import Path

LOW_STOCK = 10


def load_items(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["items"]


def format_price(cents):
    return f"{cents // 100:,}.{cents % 100:02d} EUR"


def item_value(item):
    return item["price"] * item["quantity"]


def total_value(items):
    return sum(item_value(item) for item in items)


def low_stock(items, threshold=LOW_STOCK):
    return [item for item in items if item["quantity"] < threshold]


def print_report(items):
    print(f"{'SKU':<8} {'Name':<20} {'Qty':>5} {'Value':>14}")
    for item in sorted(items, key=item_value, reverse=True):
        print(f"{item['sku']:<8} {item['name']:<20} {item['quantity']:>5} {format_price(item_value(item)):>14}")
    print()
    print(f"Total value: {format_price(total_value(items))}")
    for item in low_stock(items):
        print(f"Low stock: {item['name']} ({item['quantity']} left)")


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "data" / "inventory.json"
    print_report(load_items(path))


if __name__ == "__main__":
    main()

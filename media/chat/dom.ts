// Small DOM builders, so views read as structure rather than as createElement calls.

type Attrs = Readonly<Record<string, string>>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function icon(name: string): HTMLElement {
  return el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A codicon button with an accessible name; the label doubles as the tooltip. */
export function iconButton(name: string, label: string, attrs: Attrs = {}): HTMLButtonElement {
  return el('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, ...attrs }, icon(name));
}

/** A button with an icon and visible text. */
export function textButton(name: string, text: string, attrs: Attrs = {}): HTMLButtonElement {
  return el('button', { type: 'button', class: 'text-button', ...attrs }, icon(name), text);
}

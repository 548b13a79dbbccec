/**
 * Small DOM helpers. User data is only ever put into the page as text (textContent / text nodes), never
 * as HTML, so a customer named "<img onerror=…>" stays a name.
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page is missing #${id}`);
  return element as T;
}

export function setText(element: Element, text: string): void {
  element.textContent = text;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

/** Shows the busy line and disables the controls while the server works; returns the undo. */
export function setBusy(container: HTMLElement, busy: boolean): void {
  container.classList.toggle('is-busy', busy);
  container.setAttribute('aria-busy', String(busy));
  for (const control of Array.from(
    container.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input, select, textarea'),
  )) {
    control.disabled = busy;
  }
}

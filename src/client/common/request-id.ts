/** A fresh id per form submission attempt chain: retries of the same submission reuse it (docs/product-rules.md §8). */
export function newRequestId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

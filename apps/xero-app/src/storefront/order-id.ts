// An order ID from a URL: printable and at most 200 characters. Anything else (a NUL byte, say) is no
// order of ours, and would be refused by the database as an invalid byte sequence: a 404, never a 500.
const printable = /^[^\p{Cc}]{1,200}$/u;

export function isOrderIdShaped(value: string): boolean {
  return printable.test(value);
}

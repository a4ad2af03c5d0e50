/**
 * The translation keys of a confirmation dialog, from one base: `app.withdrawals.approve` gives
 * `app.withdrawals.approve_title` and `app.withdrawals.approve_content`. Both come from the base,
 * never one from the other (a content key built from the title key is a raw key on screen).
 */
export function confirmKeys(base: string): { title: string; content: string } {
  return { title: `${base}_title`, content: `${base}_content` };
}

/** Pure pieces of the patient search: what to do with the text, how the arrow keys move. */

export const SEARCH_DEBOUNCE_MS = 150;

/** Blank text only shows a hint; anything else goes to the core, which judges it (too short...). */
export function searchTextToSend(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/**
 * The patient an Enter typed before the answer chooses, once the answer arrives: the only one
 * found. Among homonyms the list is shown instead, for the user to pick the right one.
 */
export function chosenOnArrival<T>(patients: readonly T[]): T | null {
  return patients.length === 1 ? (patients[0] as T) : null;
}

/**
 * New highlighted row after a key: ArrowDown/ArrowUp by one, PageDown/PageUp by ten (Home and End
 * stay with the text box). Returns null for keys that do not move (the caller then leaves the key alone).
 * -1 means no row; with rows, the result is always a valid index.
 */
export function moveHighlight(key: string, current: number, count: number): number | null {
  if (count <= 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current < 0 ? 0 : clamp(current - 1);
    case 'PageDown':
      return clamp(Math.max(current, 0) + 10);
    case 'PageUp':
      return clamp(current - 10);
    default:
      return null;
  }
}

import { describe, expect, it } from 'vitest';
import { chosenOnArrival, moveHighlight, searchTextToSend } from './searchInput';

describe('searchTextToSend', () => {
  it('does not call the core for a blank box', () => {
    expect(searchTextToSend('')).toBeNull();
    expect(searchTextToSend('   ')).toBeNull();
  });
  it('lets the core judge everything else, short text included', () => {
    expect(searchTextToSend('r')).toBe('r');
    expect(searchTextToSend('rossi m')).toBe('rossi m');
  });
});

describe('moveHighlight', () => {
  it('moves by one with the arrows, staying inside the list', () => {
    expect(moveHighlight('ArrowDown', -1, 3)).toBe(0);
    expect(moveHighlight('ArrowDown', 0, 3)).toBe(1);
    expect(moveHighlight('ArrowDown', 2, 3)).toBe(2);
    expect(moveHighlight('ArrowUp', 2, 3)).toBe(1);
    expect(moveHighlight('ArrowUp', 0, 3)).toBe(0);
    expect(moveHighlight('ArrowUp', -1, 3)).toBe(0);
  });
  it('jumps by ten with PageUp/PageDown', () => {
    expect(moveHighlight('PageDown', 0, 50)).toBe(10);
    expect(moveHighlight('PageDown', 45, 50)).toBe(49);
    expect(moveHighlight('PageUp', 5, 50)).toBe(0);
  });
  it('leaves other keys and empty lists alone', () => {
    expect(moveHighlight('Enter', 0, 3)).toBeNull();
    expect(moveHighlight('Home', 2, 3)).toBeNull();
    expect(moveHighlight('ArrowDown', -1, 0)).toBeNull();
  });
});

describe('Enter typed before the answer', () => {
  it('opens the patient found only when he is the only one: homonyms are shown to choose from', () => {
    expect(chosenOnArrival(['ROSSI MARIO 1958'])).toBe('ROSSI MARIO 1958');
    expect(chosenOnArrival(['ROSSI MARIO 1958', 'ROSSI MARIO 1971'])).toBeNull();
    expect(chosenOnArrival([])).toBeNull();
  });
});

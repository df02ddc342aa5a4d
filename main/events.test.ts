import { describe, expect, it } from 'vitest';
import { EventHub } from './events';

describe('EventHub', () => {
  it('delivers an event emitted by a listener after the current one reached everybody', () => {
    const hub = new EventHub();
    const heard: string[] = [];
    hub.on('patients.changed', () => hub.emit('enrollments.changed', { patientId: null }));
    hub.onAny((name) => heard.push(name));
    hub.emit('patients.changed', { count: 1 });
    expect(heard).toEqual(['patients.changed', 'enrollments.changed']);
  });

  it('refuses payloads outside the contract', () => {
    expect(() => new EventHub().emit('patients.changed', { count: 'many' } as never)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { chooseToken, eventsUrl, isApiResult, parseEventMessage, reconnectDelay, takeTokenFromHash } from './wire';

const TOKEN = 'Abc-123_xyzABCDEFGH';

describe('takeTokenFromHash', () => {
  it('takes the token the server prints', () => {
    expect(takeTokenFromHash(`#token=${TOKEN}`)).toEqual({ token: TOKEN, rest: '' });
  });
  it('keeps the rest of the fragment (a route)', () => {
    expect(takeTokenFromHash(`#/pazienti/12&token=${TOKEN}`)).toEqual({ token: TOKEN, rest: '/pazienti/12' });
    expect(takeTokenFromHash(`#token=${TOKEN}&/impostazioni`)).toEqual({ token: TOKEN, rest: '/impostazioni' });
  });
  it('has nothing to take from an empty or route-only fragment', () => {
    expect(takeTokenFromHash('')).toEqual({ token: null, rest: '' });
    expect(takeTokenFromHash('#')).toEqual({ token: null, rest: '' });
    expect(takeTokenFromHash('#/pazienti')).toEqual({ token: null, rest: '/pazienti' });
  });
  it('ignores malformed tokens but still removes them from the address', () => {
    expect(takeTokenFromHash('#token=')).toEqual({ token: null, rest: '' });
    expect(takeTokenFromHash('#token=%E0%A4%A')).toEqual({ token: null, rest: '' });
    expect(takeTokenFromHash('#token=<script>alert(1)</script>')).toEqual({ token: null, rest: '' });
    expect(takeTokenFromHash('#token=short')).toEqual({ token: null, rest: '' });
  });
  it('decodes percent-encoding', () => {
    expect(takeTokenFromHash('#token=Abc%2D123_xyzABCDEFGH').token).toBe(TOKEN);
  });
});

describe('chooseToken', () => {
  it('prefers a fresh token from the address over the stored one', () => {
    expect(chooseToken('newtoken123', 'oldtoken123')).toBe('newtoken123');
  });
  it('falls back to the stored token on reload', () => {
    expect(chooseToken(null, 'oldtoken123')).toBe('oldtoken123');
  });
  it('gives null when there is none, or the stored one is corrupt', () => {
    expect(chooseToken(null, null)).toBeNull();
    expect(chooseToken(null, 'bad token!')).toBeNull();
  });
});

describe('eventsUrl', () => {
  it('builds the WebSocket address on the same host', () => {
    expect(eventsUrl('http:', '127.0.0.1:5199', TOKEN)).toBe(`ws://127.0.0.1:5199/events?token=${TOKEN}`);
    expect(eventsUrl('https:', 'example.test', 'a+b')).toBe('wss://example.test/events?token=a%2Bb');
  });
});

describe('reconnectDelay', () => {
  it('starts at half a second and doubles', () => {
    expect(reconnectDelay(0, 0.5)).toBe(500);
    expect(reconnectDelay(1, 0.5)).toBe(1000);
    expect(reconnectDelay(2, 0.5)).toBe(2000);
  });
  it('never exceeds 15 s plus jitter, even after many attempts', () => {
    expect(reconnectDelay(50, 0.5)).toBe(15_000);
    expect(reconnectDelay(50, 0.999)).toBeLessThanOrEqual(18_000);
    expect(reconnectDelay(0, 0)).toBe(400);
  });
});

describe('isApiResult', () => {
  it('accepts both envelopes', () => {
    expect(isApiResult({ ok: true, value: 1 })).toBe(true);
    expect(isApiResult({ ok: false, error: { code: 'x', message: 'Messaggio' } })).toBe(true);
  });
  it('refuses anything else', () => {
    expect(isApiResult(null)).toBe(false);
    expect(isApiResult('<html>')).toBe(false);
    expect(isApiResult({ ok: true })).toBe(false);
    expect(isApiResult({ ok: false, error: { code: 'x' } })).toBe(false);
    expect(isApiResult({ ok: 'yes', value: 1 })).toBe(false);
  });
});

describe('parseEventMessage', () => {
  it('decodes a known event with a valid payload', () => {
    const msg = JSON.stringify({ event: 'patients.changed', payload: { count: 3 } });
    expect(parseEventMessage(msg)).toEqual({ event: 'patients.changed', payload: { count: 3 } });
  });
  it('drops unknown events, bad payloads and garbage', () => {
    expect(parseEventMessage(JSON.stringify({ event: 'nope', payload: {} }))).toBeNull();
    expect(parseEventMessage(JSON.stringify({ event: 'patients.changed', payload: { count: 'x' } }))).toBeNull();
    expect(parseEventMessage('{not json')).toBeNull();
    expect(parseEventMessage(new ArrayBuffer(2))).toBeNull();
    expect(parseEventMessage('null')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { tooLargeMessage, uploadAnswer, uploadProgressText } from './upload';

describe("the server's answer to an upload", () => {
  it('passes on the envelope, the chosen file or the Italian reason', () => {
    const value = { file: 'file_0123456789abcdef0123456789abcdef', name: 'lista.csv', size: 12 };
    expect(uploadAnswer(200, JSON.stringify({ ok: true, value }))).toEqual({ ok: true, value });
    const refused = { ok: false, error: { code: 'upload-too-large', message: 'Il file è troppo grande per essere importato: al massimo 500 MB.' } };
    expect(uploadAnswer(413, JSON.stringify(refused))).toEqual(refused);
  });

  it('explains an answer without the envelope by its status', () => {
    expect(uploadAnswer(401, '')).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/chiave di accesso/) } });
    expect(uploadAnswer(413, '<html>Too large</html>')).toMatchObject({ ok: false, error: { code: 'upload-too-large', message: expect.stringMatching(/al massimo 500 MB/) } });
    expect(uploadAnswer(502, 'Bad gateway')).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });

  it('tells how much of the file has gone', () => {
    expect(uploadProgressText('lista ATS.csv', 45_200_000, 200_000_000)).toBe('Caricamento di «lista ATS.csv»: 45,2 MB di 200 MB');
  });

  it('says how large the file is and what the limit is', () => {
    expect(tooLargeMessage(612_400_000)).toBe('Il file è troppo grande per essere importato (612,4 MB): al massimo 500 MB.');
  });
});

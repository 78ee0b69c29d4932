import { PassThrough } from 'node:stream';
import { isRequestTimeout } from '../../src/azure/request-timeout-policy';
import { jsonOrUndefined, readBodyText } from '../../src/azure/response-body';

describe('reading an answer the pipeline handed over unread', () => {
  it('returns the whole text, with a character split across two chunks decoded once', async () => {
    const body = new PassThrough();
    const euro = Buffer.from('{"cost":"€"}');
    const read = readBodyText(body, 5_000);
    body.write(euro.subarray(0, 10)); // "€" is three bytes: the chunk ends inside it
    body.end(euro.subarray(10));
    await expect(read).resolves.toBe('{"cost":"€"}');
  });

  it('fails like a timed-out attempt when the body stalls, and drops the connection', async () => {
    const body = new PassThrough();
    body.write('{"values": [');
    const failure = await readBodyText(body, 30).catch((error: unknown) => error);
    expect(isRequestTimeout(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/within 30 ms/);
    expect(body.destroyed).toBe(true);
  });

  it("stays an abort (a stop, never retried) when the caller's signal ends the read", async () => {
    const body = new PassThrough();
    const caller = new AbortController();
    const read = readBodyText(body, 5_000, caller.signal).catch((error: unknown) => error);
    caller.abort();
    const failure = await read;
    expect((failure as Error).name).toBe('AbortError');
    expect(isRequestTimeout(failure)).toBe(false);
    expect(body.destroyed).toBe(true);
  });

  it('reads nothing when there is no body, and tells JSON from an error page', async () => {
    await expect(readBodyText(undefined, 5_000)).resolves.toBe('');
    expect(jsonOrUndefined('{"error":{"code":"Throttled"}}')).toEqual({ error: { code: 'Throttled' } });
    expect(jsonOrUndefined('<html>Bad gateway</html>')).toBeUndefined();
    expect(jsonOrUndefined('')).toBeUndefined();
  });
});

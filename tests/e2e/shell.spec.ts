/**
 * The browser shell's door: nothing answers without this run's token (sent in a header, never a
 * cookie), another origin is refused, and bad calls get a clear error and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openApp, type App } from './harness';

describe('browser shell', () => {
  let app: App;
  let origin: string;
  beforeAll(async () => {
    app = await openApp();
    origin = new URL(app.url).origin;
  });
  afterAll(async () => app?.close());

  const rpc = (body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json(): Promise<any> }> =>
    fetch(`${origin}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('refuses pages, calls and events without the token, or with a wrong one', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(403);
    expect((await fetch(`${origin}/?token=wrong`)).status).toBe(403);
    expect((await rpc({ method: 'vault.status', input: {} })).status).toBe(403);
    expect((await rpc({ method: 'vault.status', input: {} }, { 'x-casework-token': 'wrong' })).status).toBe(403);
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/events`, { origin });
    const code = await new Promise((r) => ws.once('unexpected-response', (_req, res) => r(res.statusCode)).once('open', () => r('open')));
    expect(code).toBe(403);
  });

  it('answers with the token, and refuses another origin', async () => {
    const token = new URL(app.url).searchParams.get('token')!;
    const ok = await rpc({ method: 'vault.status', input: {} }, { 'x-casework-token': token });
    expect(await ok.json()).toMatchObject({ ok: true, value: { exists: false, unlocked: false } });
    expect((await rpc({ method: 'vault.status', input: {} }, { 'x-casework-token': token, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('gives bad calls a clear error and changes nothing', async () => {
    const token = new URL(app.url).searchParams.get('token')!;
    const h = { 'x-casework-token': token };
    expect(await (await rpc('{not json', h)).json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await (await rpc({ method: 'fs.readFile', input: {} }, h)).json()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/unknown method/) },
    });
    expect(await (await rpc({ method: 'vault.create', input: { passphrase: 'short' } }, h)).json()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/passphrase: use at least 12/) },
    });
    expect(await (await rpc({ method: 'cases.list', input: {} }, h)).json()).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/locked/) },
    });
    const status = await (await rpc({ method: 'vault.status', input: {} }, h)).json();
    expect(status.value.exists).toBe(false);
    await rpc({ method: 'vault.create', input: { passphrase: 'long enough passphrase' } }, h);
    const extra = await (await rpc({ method: 'cases.create', input: { caseType: 'EXPRESS_ENTRY_FSW', client: 'X', org_id: 'other' } }, h)).json();
    expect(extra).toMatchObject({ ok: false, error: { message: expect.stringMatching(/org_id|Unrecognized/) } });
    const unknownType = await (await rpc({ method: 'cases.create', input: { caseType: 'NOPE', client: 'X' } }, h)).json();
    expect(unknownType.error.message).toMatch(/unknown case type/);
    const list = await (await rpc({ method: 'cases.list', input: {} }, h)).json();
    expect(list.value.total).toBe(0);
  });
});

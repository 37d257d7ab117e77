/**
 * The Electron window's trust decisions (hosts/electron/guards.ts, used by main.ts): the dev URL only
 * in an unpackaged build and only on this machine, the contract answered only to the app's own top
 * frame, every permission denied. (Electron itself is not installed here; fuses are set at packaging.)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { denyAllPermissions, isAppFrame, windowUrl } from '../../src-main/hosts/electron/guards';
import { ROOT } from '../support/cli';

const rendererFile = '/opt/Casework/resources/app.asar/out/renderer/index.html';

describe('the Electron window', () => {
  it('loads ELECTRON_RENDERER_URL only in an unpackaged build, and only from this machine', () => {
    expect(windowUrl({ isPackaged: true, devUrl: 'https://evil.example/', rendererFile })).toBe(`file://${rendererFile}`);
    expect(windowUrl({ isPackaged: true, devUrl: 'http://localhost:5173/', rendererFile })).toBe(`file://${rendererFile}`);
    expect(windowUrl({ isPackaged: false, devUrl: 'https://evil.example/', rendererFile })).toBe(`file://${rendererFile}`);
    expect(windowUrl({ isPackaged: false, devUrl: 'http://localhost:5173/', rendererFile })).toBe('http://localhost:5173/');
    expect(windowUrl({ isPackaged: false, rendererFile })).toBe(`file://${rendererFile}`);
  });

  it('answers the contract only to its own page in the top frame', () => {
    const app = `file://${rendererFile}`;
    expect(isAppFrame({ url: `${app}#/cases`, parent: null }, app)).toBe(true);
    expect(isAppFrame({ url: `${app}#/cases`, parent: {} }, app)).toBe(false);
    expect(isAppFrame({ url: 'file:///tmp/evil.html', parent: null }, app)).toBe(false);
    expect(isAppFrame({ url: 'https://evil.example/', parent: null }, app)).toBe(false);
    expect(isAppFrame({ url: 'http://localhost:5173/#/x', parent: null }, 'http://localhost:5173/')).toBe(true);
    expect(isAppFrame({ url: 'http://localhost:5174/', parent: null }, 'http://localhost:5173/')).toBe(false);
    expect(isAppFrame(null, app)).toBe(false);
  });

  it('denies every permission, and main.ts installs the guards', () => {
    let granted: boolean | undefined;
    denyAllPermissions.request(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(denyAllPermissions.check()).toBe(false);
    // main.ts cannot run without Electron: check it wires each guard where Electron asks.
    const main = readFileSync(join(ROOT, 'src-main/hosts/electron/main.ts'), 'utf8');
    expect(main).toMatch(/setPermissionRequestHandler\(denyAllPermissions\.request\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(denyAllPermissions\.check\)/);
    expect(main).toMatch(/isAppFrame\(e\.senderFrame, appUrl\)/);
    expect(main).not.toMatch(/loadURL\(process\.env\.ELECTRON_RENDERER_URL\)/);
  });
});

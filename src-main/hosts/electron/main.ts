/**
 * Electron's main process, kept thin: one locked-down window, the contract served over ipcMain by the
 * same dispatch the browser shell uses, core events forwarded to the window, single instance, menus,
 * and a clean shutdown that closes the vault (WAL checkpointed). Everything else lives in plain-Node
 * modules that are tested without Electron.
 */
import { app, BrowserWindow, ipcMain, Menu, safeStorage, session as electronSession, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../../app/dispatch';
import { Session } from '../../app/session';
import { stopOcr } from '../../documents';
import { denyAllPermissions, isAppFrame, windowUrl } from './guards';

const here = dirname(fileURLToPath(import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
// The page the window loads; only a call from that page, in the window's top frame, is answered.
const appUrl = windowUrl({ isPackaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL, rendererFile: join(here, '../renderer/index.html') });
// safeStorage joins the vault's key-store chain; the chain itself refuses Linux's basic_text backend.
const core = new Session(process.env.CASEWORK_DATA ?? join(app.getPath('userData'), 'vault'), { safeStorage });

function createWindow() {
  win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Casework',
    webPreferences: { preload: join(here, '../preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  });
  // No remote content: every navigation or new window leaves the app for the system browser.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(appUrl);
}

app.whenReady().then(() => {
  electronSession.defaultSession.webRequest.onHeadersReceived((details, cb) =>
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  electronSession.defaultSession.setPermissionRequestHandler(denyAllPermissions.request);
  electronSession.defaultSession.setPermissionCheckHandler(denyAllPermissions.check);
  ipcMain.handle('casework:invoke', (e, method: unknown, input: unknown) => {
    if (!win || e.sender !== win.webContents || !isAppFrame(e.senderFrame, appUrl))
      return { ok: false, error: { code: 'forbidden', message: 'not the Casework window' } };
    return dispatch(core, String(method), input);
  });
  for (const name of ['change', 'progress', 'locked'] as const) core.events.on(name, (payload) => win?.webContents.send(`casework:${name}`, payload));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { label: 'Vault', submenu: [{ label: 'Lock', accelerator: 'CmdOrCtrl+L', click: () => void core.lock() }] },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  createWindow();
});

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

// On the way out: OCR workers stop, and locking the vault stops live sync, which first pushes what is
// waiting in the outbox (unless the person paused sync to work offline). At most 5 s, then quit anyway.
let quitting = false;
app.on('before-quit', (e) => {
  if (quitting) return;
  e.preventDefault();
  quitting = true;
  const shutdown = Promise.allSettled([stopOcr()]).then(() => core.lock());
  void Promise.race([shutdown, new Promise((r) => setTimeout(r, 5000))]).finally(() => app.quit());
});
app.on('window-all-closed', () => app.quit());

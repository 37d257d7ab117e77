/**
 * The Electron window's trust decisions as plain functions (tested without Electron): which page the
 * window may load, which frame may call the contract, and which permission a page may have (none).
 */
import { pathToFileURL } from 'node:url';

/**
 * The page the window loads: the built renderer, or the dev server's URL only in an unpackaged build
 * and only on this machine. In a packaged app ELECTRON_RENDERER_URL is ignored: anyone who can set an
 * environment variable could otherwise load any site with the preload (the contract) attached.
 */
export function windowUrl(opts: { isPackaged: boolean; devUrl?: string; rendererFile: string }): string {
  if (!opts.isPackaged && opts.devUrl) {
    const u = new URL(opts.devUrl);
    if (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) return u.href;
  }
  return pathToFileURL(opts.rendererFile).href;
}

/**
 * True when a call comes from the app's own page: the top frame of our window, at the URL it loaded
 * (file: the exact renderer file; dev: the dev server's origin). A subframe or a page navigated
 * elsewhere is refused.
 */
export function isAppFrame(frame: { url: string; parent: unknown } | null | undefined, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  let u: URL;
  let app: URL;
  try {
    u = new URL(frame.url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return u.protocol === 'file:' && u.pathname === app.pathname;
  return u.origin === app.origin;
}

/** Every permission a page asks for (camera, notifications, geolocation, clipboard, ...) is denied. */
export const denyAllPermissions = {
  request: (_wc: unknown, _permission: string, callback: (granted: boolean) => void) => callback(false),
  check: () => false,
};

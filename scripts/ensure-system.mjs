#!/usr/bin/env node
// The Debian packages the tests use: Chromium (end-to-end tests), gnome-keyring + D-Bus (the real OS
// keychain), tesseract-ocr (the OCR benchmark's reference), imagemagick and DejaVu fonts (test pages), haproxy (several sync servers behind a load balancer). Installed with apt-get when running as root
// and missing; otherwise the missing ones are named.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PACKAGES = {
  '/usr/bin/chromium': 'chromium',
  '/usr/bin/dbus-run-session': 'dbus',
  '/usr/bin/gnome-keyring-daemon': 'gnome-keyring',
  '/usr/bin/tesseract': 'tesseract-ocr',
  // ImageMagick draws the pages the OCR tests read, in these fonts.
  '/usr/bin/convert': 'imagemagick',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf': 'fonts-dejavu-core',
  // The load balancer in front of two sync servers (tests/sync-server/live-instances, bench sync-live).
  '/usr/sbin/haproxy': 'haproxy',
};

export function ensureSystemPackages() {
  const missing = Object.entries(PACKAGES)
    .filter(([bin]) => !existsSync(bin))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`casework: installing Debian packages: ${missing.join(' ')}`);
    execSync('apt-get update -qq', { stdio: 'inherit' });
    execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')} dbus-x11 libsecret-1-0`, { stdio: 'inherit' });
  } else {
    console.warn(`casework: missing system packages (install them for the full test suite): ${missing.join(' ')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemPackages();

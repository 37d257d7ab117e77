/** The OS's app-data folder for Casework: the same folder Electron's app.getPath('userData') gives. */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  if (process.env.CASEWORK_DATA) return process.env.CASEWORK_DATA;
  switch (platform()) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Casework');
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Casework');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Casework');
  }
}

/**
 * `npm start` stops cleanly: SIGTERM to the npm process (`kill`, a process manager), or SIGINT/SIGTERM
 * to its process group (Ctrl-C in a terminal, systemd), ends the whole tree (npm, the shell npm runs the
 * script in, scripts/start.mjs, `casework serve`) and leaves nothing running. The real npm script, the
 * real browser shell.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempDir } from '../support/cli';

/** Every process below `root` (pid -> command line), from one `ps` snapshot. */
function descendants(root: number): Map<number, string> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const out = new Map<number, string>();
  let frontier = [root];
  while (frontier.length) {
    const next = rows.filter((r) => frontier.includes(r.ppid) && !out.has(r.pid));
    for (const r of next) out.set(r.pid, r.args);
    frontier = next.map((r) => r.pid);
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; it is gone for our purpose (nothing runs).
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .startsWith('Z');
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it.each([
    ['SIGTERM', 'npm'],
    ['SIGINT', 'group'],
    ['SIGTERM', 'group'],
  ] as const)('%s to the %s ends npm, start.mjs and casework serve', async (signal, target) => {
    const data = join(tempDir(), 'v');
    const npm = spawn('npm', ['start', '--', '--data', data], {
      cwd: ROOT,
      env: { ...process.env, CASEWORK_BROWSER_SHELL: '1', CASEWORK_PASSPHRASE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal gives a command.
      detached: true,
    });
    let out = '';
    npm.stdout.on('data', (d) => (out += d));
    npm.stderr.on('data', (d) => (out += d));
    const exited = new Promise<void>((r) => npm.once('exit', () => r()));
    const deadline = Date.now() + 170_000;
    while (!/open http:\/\/127\.0\.0\.1:\d+/.test(out) && Date.now() < deadline && npm.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/open http:\/\/127\.0\.0\.1:\d+/);
    const tree = descendants(npm.pid!);
    expect([...tree.values()].some((a) => a.includes('casework.mjs serve'))).toBe(true);

    if (target === 'npm') npm.kill(signal);
    else process.kill(-npm.pid!, signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    let left = [...tree.keys()].filter(alive);
    for (let i = 0; i < 50 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = left.filter(alive);
    }
    const survivors = left.map((p) => `${p} ${tree.get(p)}`);
    // Leave nothing behind even when the test fails.
    for (const p of left) process.kill(p, 'SIGKILL');
    if (npm.exitCode === null) npm.kill('SIGKILL');
    expect(survivors).toEqual([]);
  });
});

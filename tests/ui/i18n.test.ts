/**
 * Every string of the window is translated: English and French (Canada) have the same keys, no empty
 * value, the same {{placeholders}}, and every literal key the screens ask for (t('a.b')) exists in both.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en } from '../../src-renderer/locales/en';
import { fr } from '../../src-renderer/locales/fr';
import { ROOT } from '../support/cli';

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const EN = flatten(en as Tree);
const FR = flatten(fr as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** A key exists when it is a leaf, or a plural family (key_one / key_other). */
const has = (m: Map<string, string>, key: string) => m.has(key) || (m.has(`${key}_one`) && m.has(`${key}_other`));

describe('translations', () => {
  it('French has exactly the English keys, none empty, with the same placeholders', () => {
    expect([...FR.keys()].sort()).toEqual([...EN.keys()].sort());
    for (const [k, v] of EN) {
      expect(v.trim(), `en ${k}`).not.toBe('');
      expect(FR.get(k)!.trim(), `fr ${k}`).not.toBe('');
      expect(placeholders(FR.get(k)!), `placeholders of ${k}`).toEqual(placeholders(v));
    }
  });

  it('every literal key used by the screens exists in both languages', () => {
    const used = new Set<string>();
    for (const file of sources(join(ROOT, 'src-renderer'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !has(EN, k) || !has(FR, k));
    expect(missing).toEqual([]);
  });

  it('French is really French: most values differ from English', () => {
    let same = 0;
    for (const [k, v] of EN) if (FR.get(k) === v) same++;
    // Words such as "Documents", "Type", "Version" are the same in both; most are not.
    expect(same / EN.size).toBeLessThan(0.15);
  });
});

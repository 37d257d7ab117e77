// The layering of src-main (hosts -> app -> domains -> core -> vault -> db; domains are siblings that
// meet only through a declared index) is enforced by eslint.config.js. These tests show the rule bites:
// a wrong import in a fixture fails lint with the layer's message, a permitted one passes, and the real
// tree has no import cycle (a cycle is how layers quietly melt into one).
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lintAs(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers of src-main', () => {
  it('refuses an import that points up a layer', async () => {
    expect((await lintAs('src-main/cases/fixture.ts', "import { dispatch } from '../app/dispatch';\nexport const x = dispatch;\n"))[0]).toMatch(
      /below hosts, app/,
    );
    expect((await lintAs('src-main/core/fixture.ts', "import { listCases } from '../cases/cases';\nexport const x = listCases;\n"))[0]).toMatch(
      /src-main\/core is below/,
    );
    expect((await lintAs('src-main/db/fixture.ts', "import { openVault } from '../vault/vault';\nexport const x = openVault;\n"))[0]).toMatch(
      /src-main\/db is below/,
    );
    expect((await lintAs('src-main/app/fixture.ts', "import { main } from '../hosts/cli/main';\nexport const x = main;\n"))[0]).toMatch(
      /src-main\/app is below hosts/,
    );
  });

  it('keeps domains apart except through a declared index', async () => {
    expect((await lintAs('src-main/search/fixture.ts', "import { listCases } from '../cases/cases';\nexport const x = listCases;\n"))[0]).toMatch(
      /domains are siblings/,
    );
    expect((await lintAs('src-main/immigration/fixture.ts', "import { addTask } from '../cases/tasks';\nexport const x = addTask;\n"))[0]).toMatch(
      /only through its index/,
    );
    expect(await lintAs('src-main/immigration/fixture.ts', "import { addTask } from '../cases';\nexport const x = addTask;\n")).toEqual([]);
  });

  it('lets a layer use what is below it and src-shared', async () => {
    const code = "import { write } from '../core/writer';\nimport { UserError } from '../../src-shared/errors';\nexport const x = [write, UserError];\n";
    expect(await lintAs('src-main/documents/fixture.ts', code)).toEqual([]);
    expect(await lintAs('src-main/hosts/cli/fixture.ts', "import { dispatch } from '../../app/dispatch';\nexport const x = dispatch;\n")).toEqual([]);
  });
});

describe('imports of src-main', () => {
  it('form no cycle', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(n)) files.push(p);
      }
    };
    walk(join(root, 'src-main'));
    const known = new Set(files);
    const target = (from: string, spec: string) => {
      const base = resolve(dirname(from), spec);
      return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => known.has(p) && statSync(p).isFile());
    };
    const edges = new Map<string, string[]>();
    for (const f of files) {
      // Static imports only (type-only imports included: they couple modules as much as values do).
      const specs = [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].map((m) => m[1]);
      edges.set(
        f,
        specs.map((s) => target(f, s)).filter((t): t is string => !!t),
      );
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(root, p)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of edges.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});

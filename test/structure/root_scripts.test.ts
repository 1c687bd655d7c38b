import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The root scripts that build before they run (`pnpm demo`, `pnpm bench`, ...) must build every
// workspace package their script imports: on a fresh clone nothing else has built it. (The demo
// once built only tfjs-noise while it imported @tfjs-noise/tune: every other test passed, because
// the test command builds everything first.)
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** Workspace packages by name, with their workspace dependencies. */
function workspace(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const pkg = json(`packages/${dir}/package.json`);
    // A package without a build (@tfjs-noise/support: its TypeScript sources are run as they
    // are) needs none before a script imports it.
    if (pkg.scripts?.build === undefined) continue;
    const deps = Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })
      .filter(([, v]) => String(v).startsWith('workspace:'))
      .map(([k]) => k);
    out.set(pkg.name, deps);
  }
  return out;
}

/** Workspace packages imported by a script and the local modules it imports, recursively. */
function imported(file: string, names: Set<string>, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith('.')) {
      const base = join(dirname(file), spec);
      const target = base.endsWith('.ts') ? base : `${base}.ts`;
      try {
        for (const n of imported(target, names, seen)) found.add(n);
      } catch {
        // A directory index or a non-TypeScript file: not followed.
      }
      continue;
    }
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (names.has(name)) found.add(name);
  }
  return found;
}

describe('root scripts', () => {
  it('build every workspace package the script they run imports', () => {
    const packages = workspace();
    const scripts: Record<string, string> = json('package.json').scripts;
    let checked = 0;
    for (const [name, command] of Object.entries(scripts)) {
      const run = /node --import tsx (\S+\.ts)/.exec(command)?.[1];
      if (!run || !command.includes('turbo run build')) continue;
      const built = new Set<string>();
      const add = (pkg: string) => {
        if (built.has(pkg)) return;
        built.add(pkg);
        for (const dep of packages.get(pkg) ?? []) add(dep);
      };
      for (const f of command.matchAll(/--filter=(\S+)/g)) add(f[1]!);
      const needed = imported(join(root, run), new Set(packages.keys()));
      for (const pkg of needed) {
        expect(built.has(pkg), `pnpm ${name} runs ${run}, which imports ${pkg}`).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3); // demo, bench, bench:choice at least
  });
});

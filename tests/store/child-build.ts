import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Node 20 cannot run TypeScript, so a child process gets the store as plain JS: `entries` (repo-relative
 * .ts files) and every relative import they reach are transpiled into `outDir` with the repo layout kept,
 * next to a package.json (ESM) and a node_modules link so `better-sqlite3` resolves.
 */
export function buildForChildProcess(entries: string[], outDir: string): void {
  const pending = entries.map((entry) => join(repo, entry));
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const out = join(outDir, relative(repo, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    for (const match of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) pending.push(resolve(dirname(file), `${match[1]}.ts`));
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
  symlinkSync(join(repo, 'node_modules'), join(outDir, 'node_modules'), 'dir');
}

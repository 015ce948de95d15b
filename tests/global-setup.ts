import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** Tests that run the real command line need dist/ to match src/: an incremental build is quick when nothing changed. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

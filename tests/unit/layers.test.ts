/** src/core is shared by the CLI, the task pane and the browser demo: it must import nothing platform-bound. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const FORBIDDEN = /from\s+['"](exceljs|react|react-dom|@fluentui\/[^'"]*|@microsoft\/office-js|node:[^'"]+|fs|path|os|child_process|worker_threads|url)['"]|\b(Excel|Office)\.(run|context|onReady)\b|\b(document|window)\./;

describe('layering', () => {
  const files = sources(join(ROOT, 'src', 'core'));
  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  it.each(files.map((f) => [f.slice(ROOT.length)]))('%s imports no Office, ExcelJS, React, Node or DOM', (rel) => {
    const text = readFileSync(join(ROOT, rel), 'utf8');
    expect(text.match(FORBIDDEN)?.[0]).toBeUndefined();
  });
});

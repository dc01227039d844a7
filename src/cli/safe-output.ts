/**
 * The user's files are sacred. Every output (a report, an annotated copy, a training workbook) is
 * planned before any work: its real path never resolves to an input or to an existing workbook, no
 * symlink is written through, colliding annotated copies get distinct names (keeping the inputs'
 * folder structure), and each file is written to a temporary name in its folder and renamed into
 * place, so a failed write leaves nothing half-written.
 */
// fs.promises, a getter: node:fs/promises loads only when an output is planned (see rule-files.ts).
import { constants, promises as fsp } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Why an output cannot be written, in the user's words (Chinese first). */
export class OutputRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRefused';
  }
}

async function lstatOrUndefined(path: string) {
  return fsp.lstat(path).catch(() => undefined);
}

async function realOrResolved(path: string): Promise<string> {
  return fsp.realpath(path).catch(() => resolve(path));
}

/** Does the file hold a workbook (by its extension or its first bytes: a zip or an OLE compound file)? */
async function holdsWorkbook(path: string): Promise<boolean> {
  if (/\.(xlsx|xlsm|xls|xltx|xltm|et)$/i.test(path)) return true;
  const handle = await fsp.open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  } finally {
    await handle.close();
  }
}

/** Can anything be written at `path` (a file, or a folder of copies)? Throws OutputRefused saying why not. */
async function assertWritable(path: string, kind: 'file' | 'folder'): Promise<void> {
  const s = await fsp.stat(path).catch(() => undefined);
  if (s && kind === 'file' && s.isDirectory()) throw new OutputRefused(`${path} 是文件夹，不能写入报告 / ${path} is a folder, not a file to write the report to`);
  if (s && kind === 'folder' && !s.isDirectory()) throw new OutputRefused(`${path} 已是一个文件，不能作为标注副本的文件夹 / ${path} is a file, not a folder for annotated copies`);
  const parent = s && kind === 'folder' ? path : dirname(resolve(path));
  if (!(await fsp.access(parent, constants.W_OK).then(() => true, () => false))) {
    throw new OutputRefused(`无法写入 ${parent}（文件夹不存在或没有写权限） / cannot write to ${parent} (missing folder or no permission)`);
  }
}

/**
 * A report file may replace an earlier report, never a workbook, an input or anything through a
 * symlink; its folder must be writable. Throws OutputRefused with the reason.
 */
export async function checkReportPath(out: string, inputs: readonly string[]): Promise<void> {
  await assertWritable(out, 'file');
  const s = await lstatOrUndefined(out);
  if (!s) return;
  if (s.isSymbolicLink()) throw new OutputRefused(`${out} 是符号链接，为保护其指向的文件不写入 / ${out} is a symbolic link; it is not written through, to protect the file it points to`);
  const real = await realOrResolved(out);
  for (const input of inputs) {
    if ((await realOrResolved(input)) === real) throw new OutputRefused(`${out} 是被检查的工作簿本身，报告不能覆盖它 / ${out} is a workbook being checked; the report must not replace it`);
  }
  if (s.isFile() && (await holdsWorkbook(out))) throw new OutputRefused(`${out} 已是一个工作簿，报告不能覆盖它 / ${out} is an existing workbook; the report must not replace it`);
}

/**
 * Where each input's annotated copy goes inside `dir`: its name with "-审核", in the sub-folder it
 * had; a name already taken (by an existing file, a symlink, an input or another copy) gets " (2)",
 * " (3)" … Nothing is created here.
 */
export async function planAnnotatedCopies(files: readonly { file: string; root?: string }[], dir: string): Promise<Map<string, string>> {
  await assertWritable(dir, 'folder');
  const taken = new Set<string>();
  const inputs = new Set(await Promise.all(files.map((f) => realOrResolved(f.file))));
  const plan = new Map<string, string>();
  for (const { file, root } of files) {
    // The folder structure of the inputs is kept: relative to the folder given, or to the working
    // folder for a file named with its path (a/预算.xlsx and b/预算.xlsx stay apart); never above it.
    const from = relative(root ?? process.cwd(), dirname(resolve(file)));
    const sub = from === '' || from.startsWith('..') || isAbsolute(from) ? '.' : from;
    const folder = join(dir, sub === '.' ? '' : sub);
    const stem = `${basename(file, extname(file))}-审核`;
    for (let n = 1; ; n++) {
      const to = join(folder, `${stem}${n > 1 ? ` (${n})` : ''}.xlsx`);
      const key = resolve(to);
      if (taken.has(key) || inputs.has(await realOrResolved(to)) || (await lstatOrUndefined(to))) continue;
      taken.add(key);
      plan.set(file, to);
      break;
    }
  }
  return plan;
}

/** Folders in `path` that are symlinks would carry a write elsewhere: refused, like a symlinked file. */
async function assertNoSymlinkedFolder(folder: string, base: string): Promise<void> {
  const rel = relative(base, folder);
  if (!rel || rel.startsWith('..')) return;
  let at = base;
  for (const part of rel.split(sep)) {
    at = join(at, part);
    if ((await lstatOrUndefined(at))?.isSymbolicLink()) throw new OutputRefused(`${at} 是符号链接，不向其中写入 / ${at} is a symbolic link; nothing is written through it`);
  }
}

/**
 * Writes `data` to `to` through a temporary file in the same folder (created exclusively, so it
 * cannot be a symlink planted there) and a rename. The target must not exist unless `replace` is
 * allowed for it (a report replacing an earlier report); a symlink is never replaced or followed.
 */
export async function writeSafely(to: string, data: string | Uint8Array, options: { replace?: boolean; base?: string } = {}): Promise<void> {
  const folder = dirname(resolve(to));
  if (options.base) await assertNoSymlinkedFolder(folder, resolve(options.base));
  await fsp.mkdir(folder, { recursive: true });
  const existing = await lstatOrUndefined(to);
  if (existing?.isSymbolicLink()) throw new OutputRefused(`${to} 是符号链接，不写入 / ${to} is a symbolic link; not written`);
  if (existing && !options.replace) throw new OutputRefused(`${to} 已存在，不覆盖 / ${to} already exists; not replaced`);
  // node:crypto loads only when something is written: a check that prints to the terminal never needs it.
  const { randomBytes } = await import('node:crypto');
  const temp = join(folder, `.${basename(to)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.close();
    await fsp.rename(temp, to);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fsp.rm(temp, { force: true });
    throw e;
  }
}

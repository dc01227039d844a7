/**
 * Offline validation of manifest.xml against the Office add-in manifest schemas (OfficeApp 1.1, with
 * the task-pane VersionOverrides), through libxml2 compiled to WebAssembly. The stock
 * `office-addin-manifest validate` calls a web service this project cannot rely on.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** tools/office-manifest-xsd: Microsoft's schemas as repaired for libxml2 (see its README). */
export const XSD_DIR = fileURLToPath(new URL('../../tools/office-manifest-xsd/', import.meta.url));
const ENTRY = 'OfficeAppManifestV1_1.xsd';
const IMPORTED = ['OfficeAppBasicTypesV1_0.xsd', 'MailAppVersionOverridesV1_0.xsd', 'MailAppVersionOverridesV1_1.xsd', 'TaskPaneAppVersionOverridesV1_0.xsd', 'ContentAppVersionOverridesV1_0.xsd'];

export interface ManifestProblem {
  line: number | null;
  message: string;
}

export async function validateManifest(xml: string, fileName = 'manifest.xml'): Promise<{ valid: boolean; problems: ManifestProblem[] }> {
  const read = (name: string) => readFile(join(XSD_DIR, name), 'utf8').then((contents) => ({ fileName: name, contents }));
  const [schema, ...preload] = await Promise.all([read(ENTRY), ...IMPORTED.map(read)]);
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [schema!], preload });
  return {
    valid: result.valid,
    problems: result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message.trim() })),
  };
}

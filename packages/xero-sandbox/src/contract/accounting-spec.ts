import { readFile } from 'node:fs/promises';
import { type Document, OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';

let cached: Promise<OpenAPIBackend> | undefined;

// Parsing the 926 KB spec takes most of a second; every sandbox in the process shares one validator.
export function loadAccountingContract(): Promise<OpenAPIBackend> {
  cached ??= (async () => {
    const text = await readFile(new URL('../../specs/xero_accounting.yaml', import.meta.url), 'utf8');
    const definition = parse(text) as Document;
    const api = new OpenAPIBackend({
      definition,
      strict: false,
      quick: true,
      validate: true,
      ajvOpts: { strict: false, logger: false, validateFormats: true },
      customizeAjv: (ajv) => {
        ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
        ajv.addFormat('date', true);
        ajv.addFormat('date-time', true);
        ajv.addFormat('double', true);
        ajv.addFormat('int', true);
        ajv.addFormat('byte', true);
        ajv.addFormat('binary', true);
        return ajv;
      },
    });
    await api.init();
    return api;
  })();
  return cached;
}

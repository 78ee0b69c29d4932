/**
 * The Teams manifest schema check of `AppManifestUtils.validateAgainstSchema` (ajv draft-04, allErrors, uri/email/regex
 * formats) against the v1.19 schema bundled in @microsoft/app-manifest. AppManifestUtils itself cannot be imported
 * under jest: it requires the ESM-only strip-bom, which plain Node loads but jest's CommonJS runtime does not; its
 * own ajv copies are loaded from where it resolves them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const APP_MANIFEST_PACKAGE = require.resolve('@microsoft/app-manifest/package.json');
const SCHEMA_PATH = join(dirname(APP_MANIFEST_PACKAGE), 'build/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');

export type ValidateFn = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};
interface AjvLike {
  compile(schema: unknown): ValidateFn;
}

export function manifestSchemaValidator(): ValidateFn {
  const fromAppManifest = createRequire(APP_MANIFEST_PACKAGE);
  const AjvDraft04 = (fromAppManifest('ajv-draft-04') as { default: new (options: object) => AjvLike }).default;
  const addFormats = (fromAppManifest('ajv-formats') as { default: (ajv: AjvLike, formats: string[]) => void }).default;
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
}

export function schemaErrors(validate: ValidateFn, manifest: unknown): string[] {
  return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

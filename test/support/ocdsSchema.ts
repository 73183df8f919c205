/**
 * The OCDS 1.1 release schema (vendored in test/fixtures/ocds with its licence), compiled once with ajv for
 * draft-04. `releaseProblems` returns ajv's errors as readable lines, empty when the release is valid.
 */
import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/ocds/release-schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

// CommonJS packages: under NodeNext their default export is the module, whose `default` is the class
const ajv = new ajvDraft04.default({ allErrors: true, strict: true, allowUnionTypes: true });
ajvFormats.default(ajv);
// OCDS's own annotations: metadata for tools, not validation keywords
ajv.addVocabulary([
  'codelist',
  'openCodelist',
  'omitWhenMerged',
  'deprecated',
  'wholeListMerge',
  'versionId',
]);
const validate = ajv.compile(schema);

/** The schema's complaints about a release, one line each (`/path: message`); none when it validates. */
export function releaseProblems(release: unknown): string[] {
  if (validate(release)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}

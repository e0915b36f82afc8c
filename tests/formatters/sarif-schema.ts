/**
 * The SARIF 2.1.0 schema validator for the tests (see tests/schemas/README.md for where the
 * schema comes from). The schema declares JSON Schema 2020-12, hence ajv's Ajv2020 class.
 * ajv ships no string formats; the ones the schema uses are defined here after RFC 3986,
 * 3339 and 4122, independently of the code under test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';

// ajv is CommonJS: under NodeNext the default import is module.exports, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;

const SCHEMA_PATH = fileURLToPath(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url));

// RFC 3986 characters that may appear in a URI (unreserved, reserved) or as %XX.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/u;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/u;

export function isUri(value: string): boolean {
  return SCHEME.test(value) && URI_CHARS.test(value) && URL.canParse(value);
}

export function isUriReference(value: string): boolean {
  if (!URI_CHARS.test(value)) return false;
  if (SCHEME.test(value)) return URL.canParse(value);
  // A relative reference whose first segment has a colon would be read as a scheme.
  const firstSegment = value.split(/[/?#]/u)[0] ?? '';
  return !firstSegment.includes(':');
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/u;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/u;

let compiled: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  // strictRequired is ajv's own lint (a `required` name inside an anyOf branch without a local
  // `properties`), which the official schema trips; every other strict check stays on.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, validateFormats: true });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', isUriReference);
  ajv.addFormat('date-time', (v: string) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
  ajv.addFormat('uuid', (v: string) => UUID.test(v));
  compiled = ajv.compile(schema);
  return compiled;
}

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

/** Validate and return the errors as text ('' when valid), so a failing test shows why. */
export function sarifSchemaErrors(log: unknown): string {
  const validate = sarifValidator();
  return validate(log) ? '' : describeErrors(validate.errors) || 'invalid';
}

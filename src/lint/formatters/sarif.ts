/**
 * The `sarif` format: SARIF 2.1.0 shaped for GitHub code scanning.
 *
 * GitHub-specific choices, each one a rejection or a lost alert otherwise:
 * - every result has a region with startLine/startColumn >= 1 (GitHub rejects 0), so a
 *   whole-file diagnostic (line 0) is placed at 1:1;
 * - artifact URIs are relative, `/`-separated and percent-encoded, resolved against
 *   `%SRCROOT%`, whose absolute `file:` URI (ending in `/`) is in originalUriBaseIds; paths are
 *   read as Windows or POSIX ones after the working directory (paths.ts), so a `\` in a POSIX
 *   name is `%5C` and a POSIX folder named `C:` is `C%3A`, not a drive;
 * - partialFingerprints carry a hash of rule, file and message (not the line), so an alert
 *   keeps its identity when unrelated edits move it;
 * - every ruleId a result uses has an entry in the driver's rules (e.g. `typecheck`,
 *   which is not a lint rule), and ruleIndex points at it.
 */
import { createHash } from 'node:crypto';
import type { RuleMeta } from '../types.js';
import type { Diagnostic, Severity, SeveritySetting } from '../../types.js';
import { canonicalDiagnostics, messageWithHint } from './json.js';
import { fileUri, folderUri, isAbsolutePath, pathFlavour, relativeUri } from './paths.js';
import type { FormatInput, Formatter } from './types.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Shown by code scanning as the tool's home page. */
export const SARIF_INFORMATION_URI = 'https://www.npmjs.com/package/vibe-coding-plugin';
/** The key is versioned so a future change of the recipe reads as new alerts, not as a mix-up. */
export const FINGERPRINT_KEY = 'vibeSkillsFingerprint/v1';
export const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Severity;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }>;
  partialFingerprints: Record<string, string>;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel; enabled?: boolean };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: { name: string; version: string; informationUri: string; rules: SarifRule[] };
      };
      originalUriBaseIds: Record<string, { uri: string }>;
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

/** `file:` URI of the working directory, always ending in `/` so relative URIs resolve inside it. */
export function srcRootUri(cwd: string): string {
  return folderUri(cwd, pathFlavour(cwd));
}

/**
 * A relative path (already canonical: `/` between folders) becomes a relative URI reference
 * under %SRCROOT%, each name percent-encoded, so spaces, `#`, `%`, `?`, `:`, a POSIX `\` and
 * non-ASCII names stay one path. An absolute path (a file outside the working directory)
 * becomes a `file:` URI with no base. `cwd` gives the flavour: on POSIX a first folder named
 * `C:` is a folder, not a drive.
 */
export function artifactLocation(file: string, cwd: string): SarifArtifactLocation {
  const flavour = pathFlavour(cwd);
  if (isAbsolutePath(file, flavour)) return { uri: fileUri(cwd, file, flavour) };
  return { uri: relativeUri(file, flavour), uriBaseId: SRCROOT };
}

function atLeastOne(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function sarifRegion(d: Diagnostic): SarifRegion {
  if (!(d.line >= 1)) return { startLine: 1, startColumn: 1 };
  const region: SarifRegion = { startLine: atLeastOne(d.line), startColumn: atLeastOne(d.column) };
  const endLine = d.endLine;
  if (endLine !== undefined && Number.isInteger(endLine) && endLine >= region.startLine) {
    region.endLine = endLine;
    const endColumn = d.endColumn;
    if (
      d.column >= 1 &&
      endColumn !== undefined &&
      Number.isInteger(endColumn) &&
      endColumn >= 1 &&
      (endLine > region.startLine || endColumn >= region.startColumn)
    ) {
      region.endColumn = endColumn;
    }
  }
  return region;
}

/** Hash of what identifies a problem independently of where it currently sits in the file. */
export function fingerprint(d: Pick<Diagnostic, 'ruleId' | 'file' | 'message'>): string {
  return createHash('sha256').update(JSON.stringify([d.ruleId, d.file, d.message])).digest('hex');
}

function levelOf(setting: SeveritySetting): SarifLevel {
  return setting === 'off' ? 'none' : setting;
}

/** `name-format` -> `NameFormat`: SARIF suggests a readable identifier-like name. */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/u)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('') || id;
}

function ruleFromMeta(meta: RuleMeta): SarifRule {
  const defaultConfiguration: SarifRule['defaultConfiguration'] = { level: levelOf(meta.severity) };
  if (meta.severity === 'off') defaultConfiguration.enabled = false;
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.docs || meta.description },
    help: { text: meta.docs || meta.description },
    defaultConfiguration,
  };
}

/** For ids that are not lint rules (the type checker, discovery): described by their own results. */
function ruleFromResults(id: string, diagnostics: readonly Diagnostic[]): SarifRule {
  const severity: Severity = diagnostics.some((d) => d.ruleId === id && d.severity === 'error') ? 'error' : 'warning';
  const text = `Problems reported by vibe-skills under the id \`${id}\``;
  return {
    id,
    name: ruleName(id),
    shortDescription: { text },
    fullDescription: { text },
    help: { text: 'See the message of each result.' },
    defaultConfiguration: { level: severity },
  };
}

export function buildSarifLog(input: FormatInput): SarifLog {
  const diagnostics = canonicalDiagnostics(input.diagnostics, pathFlavour(input.cwd));

  // Sorted by id so the rule table (and every ruleIndex) does not churn between runs.
  const byId = new Map<string, SarifRule>();
  for (const meta of input.rules) if (!byId.has(meta.id)) byId.set(meta.id, ruleFromMeta(meta));
  for (const d of diagnostics) if (!byId.has(d.ruleId)) byId.set(d.ruleId, ruleFromResults(d.ruleId, diagnostics));
  const rules = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));

  // Identical rule+file+message triples get an occurrence number (in canonical order), as
  // GitHub's own line hashes do; otherwise two real problems would collapse into one alert.
  const seen = new Map<string, number>();
  const results = diagnostics.map((d): SarifResult => {
    const hash = fingerprint(d);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return {
      ruleId: d.ruleId,
      ruleIndex: indexOf.get(d.ruleId)!,
      level: d.severity,
      message: { text: messageWithHint(d) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(d.file, input.cwd), region: sarifRegion(d) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.toolName,
            version: input.toolVersion,
            informationUri: SARIF_INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(input.cwd) } },
        // Columns come from JavaScript string offsets.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export const formatSarif: Formatter = (input) => `${JSON.stringify(buildSarifLog(input), null, 2)}\n`;

// Which of an audit's findings belong in which member's file, and where in its text: pure (no
// vscode), so the Problems entries of files no editor has open are computed and tested in Node.
import type { Finding } from '../../core/checks/findings';
import { basename, dirname, isInside, relativeTo } from '../../core/io/paths';
import { isOnnxPath } from '../../core/load/onnx/onnxFile';
import type { AuditReport } from '../../core/report/types';
import { toDiagnosticSpecs, type DiagnosticSpec } from './findingDiagnostics';
import { layerNodes } from './layerRanges';

/** One audited member's file and the report's findings about it. */
export interface MemberFindings {
  /** Absolute '/'-path of the member's model JSON (or ONNX file). */
  file: string;
  /** How messages name the member: 'member-03'. */
  member: string;
  findings: Finding[];
}

/** A line and a UTF-16 column, both 0-based, as vscode.Position counts them. */
export interface LineChar {
  line: number;
  character: number;
}

/** A DiagnosticSpec placed in a file's lines (a closed file has no TextDocument to do it). */
export interface PlacedSpec extends DiagnosticSpec {
  from: LineChar;
  to: LineChar;
}

/**
 * The report's findings per member (`files`: absolute paths, parallel to report.members). A
 * finding naming members (`member`, `members`) goes to those; one naming none — an architecture
 * finding, and an ensemble's members share one architecture — to every member. A member left
 * out of the statistics (non-finite outputs) is in no report.members row: `resolve` turns the
 * path its finding shows into its file, so it gets its entry too.
 */
export function findingsByMember(report: Pick<AuditReport, 'members' | 'findings'>, files: readonly string[], resolve?: (shown: string) => string): MemberFindings[] {
  const shown = report.members.map((m) => m.path);
  const all = [...files];
  if (resolve) {
    for (const f of report.findings) {
      for (const p of [...(f.member === undefined ? [] : [f.member]), ...(f.members ?? [])]) {
        if (!shown.includes(p)) {
          shown.push(p);
          all.push(resolve(p));
        }
      }
    }
  }
  const names = memberNames(all);
  return all.map((file, i) => ({ file, member: names[i]!, findings: report.findings.filter((f) => concerns(f, shown[i])) }));
}

/**
 * The diagnostics of one member file from its text (null: not read, or an ONNX file, which has
 * no text to locate a layer in: every entry goes on its first character).
 */
export function memberSpecs(m: MemberFindings, text: string | null): PlacedSpec[] {
  const readable = text !== null && !isOnnxPath(m.file);
  const layers = readable ? layerNodes(text) : [];
  const specs = toDiagnosticSpecs({ findings: m.findings, layers }, readable ? text : undefined, m.member);
  const at = readable ? lineIndex(text) : () => ({ line: 0, character: 0 });
  return specs.map((s) => ({ ...s, from: at(s.start), to: at(s.end) }));
}

/** Architecture findings (no member named): the ones an editor's own analysis shows for an open file. */
export function isArchitectureFinding(f: Finding): boolean {
  return f.member === undefined && f.members === undefined;
}

/**
 * Short member names: the folder of a 'model.json' ('member-03'), else the file name; when two
 * would be the same, the paths below the folder the members share ('a/member-01/model.json').
 */
export function memberNames(files: readonly string[]): string[] {
  const short = files.map((f) => (basename(f) === 'model.json' && dirname(f) !== '/' ? basename(dirname(f)) : basename(f)));
  if (new Set(short).size === short.length) return short;
  const common = sharedFolder(dirname(files[0] ?? '/'), files);
  return files.map((f) => relativeTo(common, f));
}

function concerns(f: Finding, shown: string | undefined): boolean {
  if (f.member !== undefined) return f.member === shown;
  if (f.members !== undefined) return shown !== undefined && f.members.includes(shown);
  return true;
}

/** The deepest folder at or above `start` holding every file. */
function sharedFolder(start: string, files: readonly string[]): string {
  let dir = start;
  while (dir !== '/' && dir !== '.' && !files.every((f) => isInside(dir, f))) dir = dirname(dir);
  return dir;
}

/** Offset → line and column, by binary search over the line starts (one pass over the text). */
function lineIndex(text: string): (offset: number) => LineChar {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  };
}

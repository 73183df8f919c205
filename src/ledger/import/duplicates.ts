/**
 * Which rows of an extract carry a transaction reference that appears earlier in the same file, or that the
 * fund holds already from this partner. Run only when the database has refused an import for a reference used
 * twice (its check at commit does the refusing, migration 0032, so that a good import keeps no list of
 * references).
 */
import type { Executor } from '../../db/connection.js';
import type { ExtractSource } from './source.js';
import type { ImportColumns } from '../funds/index.js';

export interface ReferenceProblem {
  line: number;
  column: string;
  reason: string;
  /** the column's index in the file */
  at: number;
}

export async function duplicateReferences(
  db: Executor,
  source: ExtractSource,
  columns: ImportColumns,
  ids: { partnershipId: number; fundId: number; organisationId: number },
): Promise<ReferenceProblem[]> {
  const column = columns.reference ?? 'reference';
  const wanted = column.trim().toLowerCase();
  let at: number | undefined;
  let header = true;
  const first = new Map<string, number>();
  const problems: ReferenceProblem[] = [];
  await source.read((line, fields) => {
    if (header) {
      header = false;
      const i = fields.findIndex((f) => f.trim().toLowerCase() === wanted);
      at = i === -1 ? undefined : i;
      return;
    }
    if (at === undefined) return;
    const reference = (fields[at] ?? '').trim();
    if (!reference) return;
    const seen = first.get(reference);
    if (seen === undefined) first.set(reference, line);
    else
      problems.push({
        line,
        column,
        reason: `Transaction reference ${reference} appears again (first on line ${seen})`,
        at,
      });
    return;
  });
  const references = [...first.keys()];
  for (let i = 0; i < references.length; i += 5000) {
    // the partner's postings in the fund, found through the entries holding its references (0032)
    const found = await db
      .selectFrom('entry_reference_ranges as g')
      .innerJoin('postings as p', (j) =>
        j.onRef('p.partnership_id', '=', 'g.partnership_id').onRef('p.entry_id', '=', 'g.entry_id'),
      )
      .select('p.reference')
      .where('g.partnership_id', '=', ids.partnershipId)
      .where('g.fund_id', '=', ids.fundId)
      .where('g.organisation_id', '=', ids.organisationId)
      .where('p.partnership_id', '=', ids.partnershipId)
      .where('p.organisation_id', '=', ids.organisationId)
      // the column compares byte by byte (collation "C", 0023), as the check at commit does
      .where('p.reference', 'in', references.slice(i, i + 5000))
      .execute();
    for (const f of found)
      if (f.reference)
        problems.push({
          line: first.get(f.reference) ?? 0,
          column,
          reason: `Transaction reference ${f.reference} was imported already`,
          at: at ?? 0,
        });
  }
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * Compiling OCDS releases into a compiled release: the state of a contracting process after all its releases.
 * This is a simple form of OCDS's merge routine, and supports what Concordat's releases use:
 * - releases are applied in date order (ties keep their given order); a later release's value replaces an earlier;
 * - objects are merged field by field, recursively;
 * - an array whose items are all objects with an `id` is merged by id: an item whose id was seen before is merged
 *   into it, a new id is appended (so parties, awards, contracts and lots accumulate across releases);
 * - any other array (strings such as `roles`, or objects without ids) replaces the earlier array whole;
 * - a field set to `null` in a later release removes the field;
 * - the fields OCDS marks `omitWhenMerged` (`id`, `date`, `tag`, `publisher`, `links`) are not merged: the
 *   compiled release's `id` is `{ocid}-{latest date}`, its `date` the latest date and its `tag` `["compiled"]`.
 * Not supported: `wholeListMerge` arrays of objects with ids (Concordat publishes none) and versioned releases.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag', 'publisher', 'links']);

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasId = (v: Json): v is JsonObject & { id: string | number } =>
  isObject(v) && (typeof v.id === 'string' || typeof v.id === 'number');

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

function mergeValue(earlier: Json | undefined, later: Json): Json | undefined {
  if (later === null) return undefined;
  if (Array.isArray(later)) {
    if (later.length > 0 && later.every(hasId)) {
      const out: Json[] = Array.isArray(earlier) && earlier.every(hasId) ? earlier.map(clone) : [];
      for (const item of later) {
        const at = out.findIndex((e) => hasId(e) && String(e.id) === String(item.id));
        if (at === -1) out.push(clone(item));
        else out[at] = mergeObject(out[at] as JsonObject, item);
      }
      return out;
    }
    return clone(later);
  }
  if (isObject(later)) return mergeObject(isObject(earlier) ? earlier : {}, later);
  return later;
}

function mergeObject(earlier: JsonObject, later: JsonObject): JsonObject {
  const out = new Map(Object.entries(earlier));
  for (const [key, value] of Object.entries(later)) {
    const merged = mergeValue(out.get(key), value);
    if (merged === undefined) out.delete(key);
    else out.set(key, merged);
  }
  return Object.fromEntries(out);
}

/** The compiled release of one process's releases (all with the same `ocid`). */
export function compileReleases(releases: readonly JsonObject[]): JsonObject {
  if (releases.length === 0) throw new RangeError('A compiled release needs at least one release');
  const ocid = releases[0]?.ocid;
  if (typeof ocid !== 'string' || releases.some((r) => r.ocid !== ocid))
    throw new RangeError('Releases of one compiled release share one ocid');
  const dated = releases.map((r, i) => ({ r, i, date: typeof r.date === 'string' ? r.date : '' }));
  dated.sort((a, b) => (a.date === b.date ? a.i - b.i : a.date < b.date ? -1 : 1));
  let compiled: JsonObject = {};
  for (const { r } of dated) {
    const merged = Object.fromEntries(Object.entries(r).filter(([k]) => !OMIT_WHEN_MERGED.has(k)));
    compiled = mergeObject(compiled, merged);
  }
  const latest = dated[dated.length - 1]?.date ?? '';
  return { ocid, id: `${ocid}-${latest}`, date: latest, tag: ['compiled'], ...compiled };
}

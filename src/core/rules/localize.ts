/**
 * Which cell is wrong. A failed identity involves several cells; the suspect is a cell whose
 * correction satisfies every failed identity it sits in and breaks none of the satisfied ones
 * (DESIGN.md §1). Cells that explain more failures win; a failure no single cell explains is left
 * for a person, on its own left-hand cell (a parent, a total).
 */
import { evaluate, solveFor, termKey, terms, type Identity, type Term } from './identity.js';

export interface Culprit {
  term: Term;
  /** The value that restores every identity the cell sits in, in the cell's own unit. */
  value: number;
  /** The failed identities it resolves. */
  resolves: Identity[];
  /** Safe: corroborated by two or more identities and no rival explains them as well. */
  safety: 'safe' | 'unsafe';
}

export interface Localization {
  culprits: Culprit[];
  /** Failed identities no single cell explains. */
  unplaced: Identity[];
}

export function localize(failed: readonly Identity[], all: readonly Identity[]): Localization {
  const byTerm = new Map<string, Identity[]>();
  for (const id of all) {
    for (const t of terms(id)) {
      const k = termKey(t);
      const list = byTerm.get(k);
      if (list) {
        if (!list.includes(id)) list.push(id);
      } else byTerm.set(k, [id]);
    }
  }
  const failedSet = new Set(failed);

  const candidates = new Map<string, { term: Term; value: number; resolves: Identity[]; residual: number }>();
  for (const f of failed) {
    for (const t of terms(f)) {
      const key = termKey(t);
      if (candidates.has(key)) continue;
      const value = solveFor(f, t);
      if (value === (t.ref.amount ?? 0)) continue;
      const overrides = new Map([[key, value]]);
      const touched = byTerm.get(key) ?? [];
      const after = touched.map((id) => evaluate(id, overrides));
      if (after.some((e) => e.failed)) continue;
      // What rounding still hides after the change: the smaller, the more exactly it restores the sums.
      const residual = after.reduce((sum, e) => sum + Math.abs(e.difference) / Math.max(e.tolerance, 1e-9), 0);
      candidates.set(key, { term: t, value, resolves: touched.filter((id) => failedSet.has(id)), residual });
    }
  }

  // More failures explained first; among equals, the change that leaves the touched sums most
  // exact, then a filled cell over a blank one (a typo is likelier than a value typed into an empty
  // cell), then the cell the rule checks (a total, the first table of a tie): with nothing else to
  // tell them apart, that is where a reviewer looks first.
  const ranked = [...candidates.values()].sort(
    (a, b) =>
      b.resolves.length - a.resolves.length ||
      a.residual - b.residual ||
      Number(a.term.ref.amount == null) - Number(b.term.ref.amount == null) ||
      Number(b.resolves[0]!.lhs.includes(b.term)) - Number(a.resolves[0]!.lhs.includes(a.term)),
  );

  const assigned = new Set<Identity>();
  const culprits: Culprit[] = [];
  for (const c of ranked) {
    if (c.resolves.some((id) => assigned.has(id))) continue;
    const rivals = ranked.filter((r) => r !== c && r.resolves.length === c.resolves.length && r.resolves.some((id) => c.resolves.includes(id)));
    culprits.push({ term: c.term, value: c.value, resolves: c.resolves, safety: c.resolves.length >= 2 && rivals.length === 0 ? 'safe' : 'unsafe' });
    for (const id of c.resolves) assigned.add(id);
  }
  return { culprits, unplaced: failed.filter((f) => !assigned.has(f)) };
}

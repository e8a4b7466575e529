/**
 * The privacy rules of signals, in one pure module. Managers and facilitators see aggregates,
 * never a person (product.md: "managers see aggregates"; issue 8). Every figure here is derived
 * from weekly cells, each knowing how many distinct people it covers.
 *
 * 1. Threshold. A cell covering 1 to K−1 people is suppressed ("fewer than 5", value null). A cell
 *    covering nobody (value 0) is shown: "nobody did this" is about the whole group, not a person,
 *    and hiding zeros would make every quiet week poison the periods around it (rule 3).
 * 2. Complementary suppression. Where cells are parts of a total that is shown too (answered +
 *    unanswered = asked; per learning question rows = the community's total), no such equation may
 *    have exactly one unknown, or subtraction recovers it: a second part is suppressed (the
 *    smallest non-zero one), or the total when no part can be. Applied per week and per period,
 *    over all equations, until nothing changes (suppression only grows, so it ends).
 * 3. Periods are whole weeks. A period's figure is the sum (or weekly average) of its weekly cells
 *    and is suppressed as soon as one of those cells is. So every figure shown is a sum of shown
 *    weekly cells, each covering nobody or at least K people, and any two allowed queries over the
 *    same population (a period and its previous period, a range and a longer range, a total and
 *    its parts) differ by whole shown cells: never by a figure about fewer than K people. Custom
 *    day ranges do not exist, so a figure cannot be differenced by a day; the week still running
 *    is never offered (it would change hour by hour while someone refreshes the page).
 * 4. Populations are fixed: a community (later: an organisation's communities, a chain). There is
 *    no filter by team, job title or anything else that narrows who is counted.
 *
 * What a weekly rollup cannot give: the distinct people over several weeks. A period's `covers` is
 * therefore the largest weekly count (a lower bound), which is safe: it can only suppress more.
 */

export const K = 5;

export type SuppressionReason = 'fewer_than_k' | 'complementary';

/** One stored weekly figure: its value and the distinct people it covers. */
export interface Cell {
  value: number;
  people: number;
}

export interface Figure {
  /** null when suppressed. */
  value: number | null;
  isSuppressed: boolean;
  /** Distinct people the figure covers (a lower bound over several weeks); null when suppressed. */
  covers: number | null;
  reason: SuppressionReason | null;
}

export const isTooFewPeople = (people: number) => people > 0 && people < K;

const suppressed = (reason: SuppressionReason): Figure => ({ value: null, isSuppressed: true, covers: null, reason });
const shown = (value: number, covers: number): Figure => ({ value, isSuppressed: false, covers, reason: null });

/** A weekly cell as it may be shown (rule 1). */
export const cellFigure = (cell: Cell): Figure => (isTooFewPeople(cell.people) ? suppressed('fewer_than_k') : shown(cell.value, cell.people));

/**
 * A period from its weekly figures (after their complementary suppression), rule 3: suppressed
 * when any week is. 'average' is the mean per week (for people counts, which cannot be summed).
 */
export function periodFigure(weeks: readonly Figure[], aggregate: 'sum' | 'average'): Figure {
  const hidden = weeks.find((w) => w.isSuppressed);
  if (hidden) return suppressed(hidden.reason ?? 'fewer_than_k');
  const sum = weeks.reduce((total, w) => total + (w.value ?? 0), 0);
  const covers = weeks.reduce((most, w) => Math.max(most, w.covers ?? 0), 0);
  const value = aggregate === 'sum' || weeks.length === 0 ? sum : Math.round((sum / weeks.length) * 10) / 10;
  return shown(value, covers);
}

/** An equation total = Σ parts between figures, named by key. */
export interface Partition {
  total: string;
  parts: readonly string[];
}

/**
 * Rule 2 over a set of named figures: returns a copy in which no partition has exactly one
 * suppressed member. Missing keys count as shown zeros (nothing to protect, nothing to reveal).
 */
export function suppressComplementary(figures: Readonly<Record<string, Figure>>, partitions: readonly Partition[]): Record<string, Figure> {
  const result: Record<string, Figure> = { ...figures };
  const get = (key: string) => result[key] ?? shown(0, 0);
  let hasChanged = true;
  while (hasChanged) {
    hasChanged = false;
    for (const partition of partitions) {
      const members = [partition.total, ...partition.parts];
      const hidden = members.filter((key) => get(key).isSuppressed);
      if (hidden.length !== 1) continue;
      // The smallest non-zero shown part hides the least; a zero part would reveal the other one.
      const candidates = partition.parts.filter((key) => !get(key).isSuppressed && (get(key).value ?? 0) > 0).sort((a, b) => (get(a).value ?? 0) - (get(b).value ?? 0) || a.localeCompare(b));
      const victim = candidates[0] ?? (hidden[0] === partition.total ? undefined : partition.total);
      if (victim === undefined) continue; // a suppressed total whose parts are all zero: it is zero
      result[victim] = suppressed('complementary');
      hasChanged = true;
    }
  }
  return result;
}

/** A share (0–1) of two figures: shown only when both are. null value for an empty denominator. */
export function shareFigure(numerator: Figure, denominator: Figure): Figure {
  if (numerator.isSuppressed || denominator.isSuppressed) return suppressed(numerator.reason ?? denominator.reason ?? 'fewer_than_k');
  if (!denominator.value) return { value: null, isSuppressed: false, covers: denominator.covers ?? 0, reason: null };
  return shown((numerator.value ?? 0) / denominator.value, denominator.covers ?? 0);
}

/** A statistic over the same people as `gate` (a median over the answered questions): shown only when it is. */
export function gatedFigure(value: number | null, gate: Figure): Figure {
  if (gate.isSuppressed) return suppressed(gate.reason ?? 'fewer_than_k');
  return { value, isSuppressed: false, covers: gate.covers, reason: null };
}

/**
 * Counts without people (searches that found nothing: search_misses keeps no identities): a
 * count below K is suppressed, and so is its text, since a rare search may itself name someone.
 */
export const countFigure = (count: number): Figure => (count < K ? suppressed('fewer_than_k') : shown(count, count));

/**
 * 5. Several communities (an organisation, a chain) are summed from their communities' figures as
 *    those communities show them: a suppressed part is left out, never added in, and the sum says
 *    how many parts it left out. So a total is a sum of shown figures, and a total minus the
 *    figures of its communities is always zero or more shown figures: never a hidden one. People
 *    active in two communities are counted in both (the sum of per-community people counts).
 */
export interface SummedFigure extends Figure {
  /** Parts that were suppressed and are not in the sum. */
  leftOut: number;
}

export function sumFigures(parts: readonly Figure[]): SummedFigure {
  const visible = parts.filter((p) => !p.isSuppressed);
  const leftOut = parts.length - visible.length;
  const value = Math.round(visible.reduce((total, p) => total + (p.value ?? 0), 0) * 10) / 10;
  // Nothing shown but zeros beside hidden parts: "0" would read as "nothing happened", which may be untrue.
  if (value === 0 && leftOut > 0) return { ...suppressed(parts.every((p) => !p.isSuppressed || p.reason === 'fewer_than_k') ? 'fewer_than_k' : 'complementary'), leftOut };
  return { ...shown(value, visible.reduce((most, p) => Math.max(most, p.covers ?? 0), 0)), leftOut };
}

/**
 * A share over several communities: Σ numerators / Σ denominators over the communities that show
 * both, so a community whose numerator is hidden does not pull the share down. Suppressed when no
 * community shows both.
 */
export function pooledShare(parts: readonly { numerator: Figure; denominator: Figure }[]): SummedFigure {
  const usable = parts.filter((p) => !p.numerator.isSuppressed && !p.denominator.isSuppressed);
  const leftOut = parts.length - usable.length;
  const numerator = sumFigures(usable.map((p) => p.numerator));
  const denominator = sumFigures(usable.map((p) => p.denominator));
  if (!denominator.value && leftOut > 0) return { ...suppressed('fewer_than_k'), leftOut };
  return { ...shareFigure(numerator, denominator), leftOut };
}

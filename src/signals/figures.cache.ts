import type { FigureSet } from './signals.figures.ts';

/**
 * Each community's computed figures for a period, kept per rollup run. The figures change only
 * when the rollup writes (hourly), and computing them (thousands of rollup rows, the privacy
 * rules per week) is most of what a dashboard costs; an organisation's view needs every one of
 * its communities. The key holds the rollup run's stamp, read on every request, so a new run is
 * a new key and nothing stale is ever served; access is checked before the cache is asked.
 * One cache per process (created with the routes), least recently used out first.
 */

export interface CachedFigures {
  current: { period: FigureSet; weekly: Map<string, FigureSet> };
  previous: { period: FigureSet };
}

export interface FigureCache {
  get(key: string): CachedFigures | undefined;
  set(key: string, figures: CachedFigures): void;
}

/** A year's entry is some hundreds of kilobytes: this bounds the cache to tens of megabytes. */
export const MAX_CACHED = 128;

export function createFigureCache(maxEntries = MAX_CACHED): FigureCache {
  const entries = new Map<string, CachedFigures>();
  return {
    get(key) {
      const found = entries.get(key);
      if (found) {
        entries.delete(key);
        entries.set(key, found);
      }
      return found;
    },
    set(key, figures) {
      entries.delete(key);
      entries.set(key, figures);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}

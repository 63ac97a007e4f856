import type { FilterPattern, FilterValue } from '../../functions/manifest.ts';

/**
 * Applies Lambda event filter patterns to a record, as the event source mapping does in AWS:
 * every key of the pattern must match; a list matches if any of its values does. Supports the
 * rules the stream workers use (exact value, prefix, exists, anything-but).
 */
export function matchesAnyFilter(record: unknown, filters: readonly FilterPattern[]): boolean {
  return filters.length === 0 || filters.some((filter) => matchesPattern(record, filter));
}

function matchesPattern(value: unknown, pattern: FilterPattern): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    const field = isRecord(value) ? value[key] : undefined;
    return Array.isArray(rule)
      ? (rule as readonly FilterValue[]).some((candidate) => matchesValue(field, candidate))
      : matchesPattern(field, rule as FilterPattern);
  });
}

function matchesValue(field: unknown, rule: FilterValue): boolean {
  if (rule === null || typeof rule !== 'object') return field === rule;
  if ('prefix' in rule) return typeof field === 'string' && field.startsWith(rule.prefix);
  if ('exists' in rule) return (field !== undefined) === rule.exists;
  return field !== undefined && !rule['anything-but'].includes(field as string | number);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

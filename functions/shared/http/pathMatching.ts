/**
 * Matches a concrete path against an API Gateway route path (`/events/{slug}`, `/files/{key+}`);
 * answers the path parameters, or null when the path does not match, including when a segment
 * is not valid percent-encoding (`%E0%A4%A`): such a path matches no route.
 */
export function matchPath(routePath: string, actualPath: string): Record<string, string> | null {
  const pattern = routePath.split('/');
  const actual = actualPath.split('/');
  const greedy = pattern.at(-1)?.match(/^\{(\w+)\+\}$/);
  if (greedy ? actual.length < pattern.length : actual.length !== pattern.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of pattern.entries()) {
    const value = actual[index] ?? '';
    if (greedy && index === pattern.length - 1) {
      const rest = actual.slice(index).map(decodeSegment);
      if (rest.some((part) => part === null)) return null;
      params[greedy[1] as string] = rest.join('/');
      return params;
    }
    const param = segment.match(/^\{(\w+)\}$/);
    if (param) {
      const decoded = decodeSegment(value);
      if (value === '' || decoded === null) return null;
      params[param[1] as string] = decoded;
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

import type { RouteDef } from './context.ts';

// Matches a request path against OrderCloud route templates. Literal segments compare
// case-insensitively and beat parameters (v1/products/assignments before v1/products/{productID}).
type Compiled = { def: RouteDef; segments: { literal?: string; param?: string }[]; literals: number };

export type RouteMatch = { def: RouteDef; params: Record<string, string> };

export type Router = {
  match(verb: string, path: string): RouteMatch | undefined;
  pathExists(path: string): boolean;
};

export function createRouter(routes: readonly RouteDef[]): Router {
  const compiled: Compiled[] = routes.map((def) => {
    const segments = def.template.split('/').map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param ? { param } : { literal: segment.toLowerCase() };
    });
    return { def, segments, literals: segments.filter((s) => s.literal !== undefined).length };
  });
  const matchPath = (entry: Compiled, parts: string[]): Record<string, string> | undefined => {
    if (entry.segments.length !== parts.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < parts.length; i += 1) {
      const segment = entry.segments[i];
      const part = parts[i] ?? '';
      if (!segment) return undefined;
      if (segment.literal !== undefined) {
        if (segment.literal !== part.toLowerCase()) return undefined;
      } else if (segment.param !== undefined) {
        if (part === '') return undefined;
        params[segment.param] = decodeURIComponent(part);
      }
    }
    return params;
  };
  const split = (path: string) => path.replace(/^\/+|\/+$/g, '').split('/');
  return {
    match(verb, path) {
      const parts = split(path);
      let best: { entry: Compiled; params: Record<string, string> } | undefined;
      for (const entry of compiled) {
        if (entry.def.verb !== verb.toUpperCase()) continue;
        const params = matchPath(entry, parts);
        if (params && (!best || entry.literals > best.entry.literals)) best = { entry, params };
      }
      return best ? { def: best.entry.def, params: best.params } : undefined;
    },
    pathExists(path) {
      const parts = split(path);
      return compiled.some((entry) => matchPath(entry, parts) !== undefined);
    },
  };
}

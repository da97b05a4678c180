import type { ComponentRendering, HtmlElementRendering, RouteData } from '@sitecore-jss/sitecore-jss-nextjs';

/** Every rendering of one component on a route, through nested placeholders. */
export function findRenderings(
  route: RouteData | null | undefined,
  componentName: string,
): ComponentRendering[] {
  const found: ComponentRendering[] = [];
  const visit = (
    placeholders: Record<string, Array<ComponentRendering | HtmlElementRendering>> | undefined,
  ) => {
    for (const renderings of Object.values(placeholders ?? {})) {
      for (const rendering of renderings) {
        if (!('componentName' in rendering)) continue;
        if (rendering.componentName === componentName) found.push(rendering);
        visit(rendering.placeholders);
      }
    }
  };
  visit(route?.placeholders);
  return found;
}

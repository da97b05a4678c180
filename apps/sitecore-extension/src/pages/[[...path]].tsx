import {
  type ComponentPropsCollection,
  ComponentPropsContext,
  type LayoutServiceData,
  SitecoreContext,
} from '@sitecore-jss/sitecore-jss-nextjs';
import type { GetServerSideProps } from 'next';
import { StorefrontLayout } from '../components/storefront-layout.tsx';
import { componentFactory } from '../lib/component-builder.ts';
import { loadExtensionConfig } from '../lib/env.ts';
import { findRenderings } from '../lib/find-renderings.ts';
import { layoutFor } from '../lib/layout-fixtures.ts';
import { orderStatusData } from '../lib/order-status-server.ts';

type SitecorePageProps = { layoutData: LayoutServiceData; componentProps: ComponentPropsCollection };

// The JSS catch-all route: layout data for the path (local fixtures here, Experience Edge in a connected
// head), component data fetched server side, and the page rendered through the component factory.
function SitecorePage({ layoutData, componentProps }: SitecorePageProps) {
  return (
    <ComponentPropsContext value={componentProps}>
      <SitecoreContext componentFactory={componentFactory} layoutData={layoutData}>
        <StorefrontLayout />
      </SitecoreContext>
    </ComponentPropsContext>
  );
}

export const getServerSideProps: GetServerSideProps<SitecorePageProps> = async (context) => {
  const path = Array.isArray(context.params?.path) ? context.params.path.join('/') : '';
  const layoutData = layoutFor(path);
  if (!layoutData) return { notFound: true };
  const config = loadExtensionConfig();
  const componentProps: ComponentPropsCollection = {};
  for (const rendering of findRenderings(layoutData.sitecore.route, 'XeroOrderStatus')) {
    if (rendering.uid) componentProps[rendering.uid] = await orderStatusData(config, context.query);
  }
  context.res.setHeader('cache-control', 'private, no-store');
  return { props: { layoutData, componentProps } };
};

export default SitecorePage;

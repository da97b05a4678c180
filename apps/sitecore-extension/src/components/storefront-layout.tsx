import { Placeholder, useSitecoreContext } from '@sitecore-jss/sitecore-jss-nextjs';
import Head from 'next/head';

/** The head's layout: page chrome around the `jss-main` placeholder, as a JSS starter's Layout.tsx. */
export function StorefrontLayout() {
  const { sitecoreContext } = useSitecoreContext();
  const route = sitecoreContext.route;
  const title = (route?.fields?.pageTitle as { value?: string } | undefined)?.value ?? 'Storefront';
  return (
    <>
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <header className="site-header">
        <a href="/" className="site-header__brand">
          Demo store
        </a>
      </header>
      <main className="site-main">
        <h1>{title}</h1>
        {route && <Placeholder name="jss-main" rendering={route} />}
      </main>
    </>
  );
}

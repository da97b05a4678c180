import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { loadExtensionConfig } from '../../lib/env.ts';

type Props = { failed: boolean; configured: boolean };

function AdminLoginPage({ failed, configured }: Props) {
  return (
    <>
      <Head>
        <title>Storefront admin — sign in</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <main className="site-main">
        <h1>Storefront admin</h1>
        {!configured && (
          <p className="flash flash--error">
            Set STOREFRONT_ADMIN_PASSWORD in the head's environment to sign in.
          </p>
        )}
        {failed && <p className="flash flash--error">That password is not right.</p>}
        <form method="post" action="/api/admin/login" className="panel">
          <p>
            <label htmlFor="password">Password</label>{' '}
            <input id="password" name="password" type="password" autoComplete="current-password" required />
          </p>
          <button type="submit">Sign in</button>
        </form>
      </main>
    </>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ query }) => {
  const config = loadExtensionConfig();
  return {
    props: {
      failed: query.failed === '1',
      configured: Boolean(config.adminPassword && config.sessionSecret),
    },
  };
};

export default AdminLoginPage;

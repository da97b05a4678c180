import type { AppProps } from 'next/app';
import '../styles/storefront.css';

function StorefrontApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}

export default StorefrontApp;

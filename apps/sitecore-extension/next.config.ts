import type { NextConfig } from 'next';

// One `next build` in CI. Type checking is the monorepo's (`pnpm typecheck`), not the build's, so the
// build neither needs nor rewrites a Next-specific TypeScript setup.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true },
  // The Marketplace routes run inside an iframe in the Sitecore Cloud Portal; every other page refuses
  // to be framed (clickjacking on the admin's retry button).
  async headers() {
    return [
      {
        source: '/((?!xmc/).*)',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on form posts,
          // and the admin's forms are checked by their Origin.
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
      // The Marketplace pages set their own frame-ancestors (the host's origin) at request time.
      {
        source: '/xmc/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
    ];
  },
};

export default config;

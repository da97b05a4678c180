export type SandboxUrls = {
  url: string;
  apiBasePath: string;
  identityUrl: string;
  loginUrl: string;
  adminUrl: string;
};

// One listener, four Xero hosts: api (url), identity (url/identity), login (url/login), admin.
export function sandboxUrls(base: string): SandboxUrls {
  const url = base.replace(/\/+$/, '');
  return {
    url,
    apiBasePath: `${url}/api.xro/2.0`,
    identityUrl: `${url}/identity`,
    loginUrl: `${url}/login`,
    adminUrl: `${url}/__admin`,
  };
}

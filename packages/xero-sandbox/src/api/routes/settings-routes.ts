import { Hono } from 'hono';
import { messages } from '../../accounting/messages.ts';
import { findTaxRate } from '../../accounting/org-lookups.ts';
import { createTaxRate } from '../../accounting/tax-rate-service.ts';
import {
  accountToJson,
  organisationToJson,
  taxRateToJson,
  trackingCategoryToJson,
} from '../../accounting/settings-json.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { CURRENCY_DESCRIPTIONS } from '../../seed/currencies.ts';
import { sameId } from '../../util/ids.ts';
import { readTrimmed } from '../../util/json-input.ts';
import { jsonEnvelope } from '../envelope.ts';
import type { SandboxEnv } from '../hono-env.ts';
import { applyListQuery, boolQuery } from '../list-query.ts';
import { notFound, singleValidationError } from '../xero-responses.ts';
import { readElements } from './route-helpers.ts';

// Organisation, chart of accounts, tax rates, tracking categories and currencies.
export function settingsRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const never = () => 0;

  app.get('/Organisation', (c) => {
    const auth = c.get('auth');
    return jsonEnvelope(c, ctx, auth, 'Organisations', [organisationToJson(auth.org)]);
  });

  app.get('/Accounts', (c) => {
    const auth = c.get('auth');
    const list = applyListQuery(c, {
      records: auth.org.accounts,
      view: accountToJson,
      updatedAt: (a) => a.updatedAt,
    });
    return jsonEnvelope(c, ctx, auth, 'Accounts', list.records.map(accountToJson));
  });

  app.get('/Accounts/:id', (c) => {
    const auth = c.get('auth');
    const account = auth.org.accounts.find((candidate) => sameId(candidate.accountId, c.req.param('id')));
    return account ? jsonEnvelope(c, ctx, auth, 'Accounts', [accountToJson(account)]) : notFound(c);
  });

  app.get('/TaxRates', (c) => {
    const auth = c.get('auth');
    const list = applyListQuery(c, { records: auth.org.taxRates, view: taxRateToJson, updatedAt: never });
    return jsonEnvelope(c, ctx, auth, 'TaxRates', list.records.map(taxRateToJson));
  });

  app.put('/TaxRates', (c) => {
    const auth = c.get('auth');
    const read = readElements(c, 'TaxRates');
    if ('response' in read) return read.response;
    const created = [];
    for (const element of read.elements) {
      const outcome = createTaxRate(auth.org, element);
      if ('error' in outcome) return singleValidationError(c, outcome.error, element);
      created.push(outcome.rate);
    }
    return jsonEnvelope(c, ctx, auth, 'TaxRates', created.map(taxRateToJson));
  });

  app.get('/TaxRates/:taxType', (c) => {
    const auth = c.get('auth');
    const rate = findTaxRate(auth.org, c.req.param('taxType'));
    return rate ? jsonEnvelope(c, ctx, auth, 'TaxRates', [taxRateToJson(rate)]) : notFound(c);
  });

  app.get('/TrackingCategories', (c) => {
    const auth = c.get('auth');
    const includeArchived = boolQuery(c, 'includeArchived');
    const records = auth.org.trackingCategories.filter(
      (category) => includeArchived || category.status === 'ACTIVE',
    );
    const list = applyListQuery(c, { records, view: trackingCategoryToJson, updatedAt: never });
    return jsonEnvelope(c, ctx, auth, 'TrackingCategories', list.records.map(trackingCategoryToJson));
  });

  app.get('/TrackingCategories/:id', (c) => {
    const auth = c.get('auth');
    const category = auth.org.trackingCategories.find((candidate) =>
      sameId(candidate.trackingCategoryId, c.req.param('id')),
    );
    return category
      ? jsonEnvelope(c, ctx, auth, 'TrackingCategories', [trackingCategoryToJson(category)])
      : notFound(c);
  });

  app.get('/Currencies', (c) => {
    const auth = c.get('auth');
    const view = (currency: { code: string; description: string }) => ({
      Code: currency.code,
      Description: currency.description,
    });
    const list = applyListQuery(c, { records: auth.org.currencies, view, updatedAt: never });
    return jsonEnvelope(c, ctx, auth, 'Currencies', list.records.map(view));
  });

  // Enabling a currency needs a multi-currency plan.
  app.put('/Currencies', (c) => {
    const auth = c.get('auth');
    const read = readElements(c, 'Currencies');
    if ('response' in read) return read.response;
    const code = (readTrimmed(read.elements[0] ?? {}, 'Code') ?? '').toUpperCase();
    const description = CURRENCY_DESCRIPTIONS[code];
    if (description === undefined)
      return singleValidationError(c, messages.currencyUnknown(code), { Code: code });
    if (!auth.org.multiCurrency)
      return singleValidationError(c, messages.multiCurrencyNotAvailable(), { Code: code });
    if (!auth.org.currencies.some((currency) => currency.code === code))
      auth.org.currencies.push({ code, description });
    return jsonEnvelope(c, ctx, auth, 'Currencies', [{ Code: code, Description: description }]);
  });

  return app;
}

import { Auth, Buyers, Configuration, IntegrationEvents, LineItems, Orders, PriceSchedules, Products, Users, Me } from 'ordercloud-javascript-sdk';
import { startOrderCloudSandbox } from './server.ts';
import { sandboxDefaults } from './seed.ts';

const running = await startOrderCloudSandbox();
Configuration.Set({ baseApiUrl: running.url });
const token = await Auth.ClientCredentials(sandboxDefaults.integrationClientSecret, sandboxDefaults.integrationClientId);
const opts = { accessToken: token.access_token };
console.log('me', (await Me.Get(opts)).Username);
await Buyers.Create({ ID: 'b-au', Name: 'AU' }, opts);
await running.admin.seed({ buyers: [{ ID: 'b-au', Name: 'AU', currency: 'AUD' }] });
await Users.Create('b-au', { ID: 'u1', Username: 'u1', FirstName: 'Zoë', LastName: 'Müller', Email: 'z@example.com', Active: true }, opts);
await PriceSchedules.Create({ ID: 'ps1', Name: 'ps1', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 19.95 }] }, opts);
await Products.Create({ ID: 'p1', Name: 'Widget', DefaultPriceScheduleID: 'ps1', xp: { SKU: 'W-1' } }, opts);
const order = await Orders.Create('Incoming', { FromUserID: 'u1', FromCompanyID: 'b-au', xp: { PricesIncludeTax: true } }, opts);
await LineItems.Create('Incoming', order.ID!, { ProductID: 'p1', Quantity: 3 }, opts);
await IntegrationEvents.EstimateShipping('Incoming', order.ID!, opts);
await IntegrationEvents.SelectShipmethods('Incoming', order.ID!, { ShipMethodSelections: [{ ShipEstimateID: 'SE-1', ShipMethodID: 'STANDARD' }] }, opts);
await IntegrationEvents.Calculate('Incoming', order.ID!, opts);
const submitted = await Orders.Submit('Incoming', order.ID!, opts);
console.log(submitted.Status, submitted.Subtotal, submitted.ShippingCost, submitted.TaxCost, submitted.Total, submitted.Currency);
const ws = await IntegrationEvents.GetWorksheet('Incoming', order.ID!, opts);
console.log(JSON.stringify(ws.OrderCalculateResponse?.xp, null, 1));
const list = await Orders.List('Incoming', { filters: { IsSubmitted: true, DateSubmitted: '>2020-01-01T00:00:00Z' }, pageSize: 5 }, opts);
console.log(list.Meta);
try { await Orders.Get('Incoming', 'nope', opts); } catch (e) { console.log('err', (e as Error).message, (e as { status: number }).status); }
await running.close();

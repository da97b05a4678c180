import { Addresses, Auth, Buyers, Configuration, UserGroups, Users } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from '../server.ts';

// A buyer's user groups through the SDK's UserGroups class, and addresses assigned to a group
// (Addresses.SaveAssignment with UserGroupID, listed by level=Group).
let running: RunningOrderCloudSandbox;
let admin: { accessToken: string };

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 52 });
  Configuration.Set({ baseApiUrl: running.url });
  const token = await Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  admin = { accessToken: token.access_token ?? '' };
});
afterAll(async () => {
  await running?.close();
});

/** A buyer of its own per test (tests run shuffled) with two users and one address. */
const buyerWithUsers = async (buyerId: string) => {
  await Buyers.Save(buyerId, { Name: buyerId }, admin);
  for (const id of ['u1', 'u2'])
    await Users.Save(
      buyerId,
      `${buyerId}-${id}`,
      {
        Username: `${buyerId}-${id}`,
        FirstName: id,
        LastName: 'User',
        Email: `${id}@example.au`,
        Active: true,
      },
      admin,
    );
  await Addresses.Save(
    buyerId,
    `${buyerId}-hq`,
    { Street1: '1 George St', City: 'Sydney', State: 'NSW', Zip: '2000', Country: 'AU' },
    admin,
  );
};

describe('user groups', () => {
  it('keeps members per group, lists them by group or user, and forgets them with the group', async () => {
    await buyerWithUsers('ug1');
    await UserGroups.Create('ug1', { ID: 'trade', Name: 'Trade' }, admin);
    await UserGroups.SaveUserAssignment('ug1', { UserGroupID: 'trade', UserID: 'ug1-u1' }, admin);
    await UserGroups.SaveUserAssignment('ug1', { UserGroupID: 'trade', UserID: 'ug1-u1' }, admin);
    await UserGroups.SaveUserAssignment('ug1', { UserGroupID: 'trade', UserID: 'ug1-u2' }, admin);
    const byGroup = await UserGroups.ListUserAssignments('ug1', { userGroupID: 'trade' }, admin);
    expect(byGroup.Items.map((a) => a.UserID).sort()).toEqual(['ug1-u1', 'ug1-u2']);
    const byUser = await UserGroups.ListUserAssignments('ug1', { userID: 'ug1-u2' }, admin);
    expect(byUser.Items).toEqual([{ UserGroupID: 'trade', UserID: 'ug1-u2' }]);
    await UserGroups.DeleteUserAssignment('ug1', 'trade', 'ug1-u2', admin);
    expect((await UserGroups.ListUserAssignments('ug1', {}, admin)).Items).toHaveLength(1);
    await expect(
      UserGroups.SaveUserAssignment('ug1', { UserGroupID: 'nobody', UserID: 'ug1-u1' }, admin),
    ).rejects.toMatchObject({ status: 404 });
    await UserGroups.Patch('ug1', 'trade', { Description: 'Trade accounts' }, admin);
    expect(await UserGroups.Get('ug1', 'trade', admin)).toMatchObject({
      ID: 'trade',
      Name: 'Trade',
      Description: 'Trade accounts',
    });
    await UserGroups.Delete('ug1', 'trade', admin);
    expect((await UserGroups.ListUserAssignments('ug1', {}, admin)).Items).toEqual([]);
    await expect(UserGroups.Get('ug1', 'trade', admin)).rejects.toMatchObject({ status: 404 });
  });

  it('lists an address assigned to a group at the Group level, apart from user and company ones', async () => {
    await buyerWithUsers('ug2');
    await UserGroups.Create('ug2', { ID: 'trade', Name: 'Trade' }, admin);
    await Addresses.SaveAssignment(
      'ug2',
      { AddressID: 'ug2-hq', UserGroupID: 'trade', IsBilling: true },
      admin,
    );
    await Addresses.SaveAssignment('ug2', { AddressID: 'ug2-hq', UserID: 'ug2-u1', IsShipping: true }, admin);
    await Addresses.SaveAssignment('ug2', { AddressID: 'ug2-hq', IsShipping: true }, admin);
    const level = async (name: 'User' | 'Group' | 'Company') =>
      (await Addresses.ListAssignments('ug2', { level: name }, admin)).Items.map((a) => [
        a.UserID,
        a.UserGroupID,
      ]);
    expect(await level('Group')).toEqual([[null, 'trade']]);
    expect(await level('User')).toEqual([['ug2-u1', null]]);
    expect(await level('Company')).toEqual([[null, null]]);
    const billing = await Addresses.ListAssignments('ug2', { userGroupID: 'trade', isBilling: true }, admin);
    expect(billing.Items).toEqual([
      { AddressID: 'ug2-hq', UserID: null, UserGroupID: 'trade', IsShipping: false, IsBilling: true },
    ]);
    await expect(
      Addresses.SaveAssignment('ug2', { AddressID: 'ug2-hq', UserGroupID: 'ghost', IsBilling: true }, admin),
    ).rejects.toMatchObject({ status: 404 });
    await Addresses.DeleteAssignment('ug2', 'ug2-hq', { userGroupID: 'trade' }, admin);
    expect(await level('Group')).toEqual([]);
    expect(await level('User')).toHaveLength(1);
  });
});

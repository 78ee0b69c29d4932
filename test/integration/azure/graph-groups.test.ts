import { GraphGroupDirectory } from '../../../src/azure/graph-groups';
import type { Sandbox } from '../../../src/sandbox';
import { sandboxWith } from '../../helpers/sandbox-connection';
import { scenario, subscription, SUB_PROD } from '../../helpers/scenarios';

const USER = '00000000-0000-4000-8000-0000000be9a0';
const OUTER = 'a9900000-0000-4000-8000-0000000a9900';
const INNER = '0c000000-0000-4000-8000-00000000ca11';
const OTHER = 'ad000000-0000-4000-8000-0000000ad000';
const graph = {
  groups: [
    { id: OUTER, members: [INNER] },
    { id: INNER, members: [USER] },
    { id: OTHER, members: [] },
  ],
};

describe('Graph checkMemberGroups through @azure-rest/core-client against the sandbox', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  test('answers, of the groups asked about, those the user is in transitively', async () => {
    const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', [])], { graph }));
    sandbox = setup.sandbox;
    const directory = new GraphGroupDirectory(setup.connection, sandbox.url);
    expect(await directory.memberGroups(USER, [OUTER, OTHER])).toEqual([OUTER]);
    expect(await directory.memberGroups(USER, [OTHER])).toEqual([]);
    const served = sandbox.requests().filter((r) => r.path.includes('checkMemberGroups'));
    expect(served).toEqual([
      { method: 'POST', path: `/v1.0/users/${USER}/checkMemberGroups`, status: 200 },
      { method: 'POST', path: `/v1.0/users/${USER}/checkMemberGroups`, status: 200 },
    ]);
  });

  test('more than 20 group ids is refused by Graph (400), and the directory throws', async () => {
    const setup = await sandboxWith(scenario([subscription(SUB_PROD, 'Prod', [])], { graph }));
    sandbox = setup.sandbox;
    const directory = new GraphGroupDirectory(setup.connection, sandbox.url);
    const many = Array.from({ length: 21 }, (_, i) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`);
    await expect(directory.memberGroups(USER, many)).rejects.toMatchObject({ statusCode: 400 });
  });
});

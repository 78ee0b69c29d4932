import { transitiveGroups } from '../../src/sandbox/routes/graph';
import { validateScenario } from '../../src/sandbox/scenario-validation';

const USER = '00000000-0000-4000-8000-00000000a1e0';
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';

describe("the sandbox's Microsoft Graph groups", () => {
  test('membership is transitive through nested groups, and a cycle ends', () => {
    const graph = {
      groups: [
        { id: A, members: [B] },
        { id: B, members: [USER.toUpperCase(), A] },
        { id: C, members: [] },
      ],
    };
    expect([...transitiveGroups(graph, USER)].sort()).toEqual([A, B]);
    expect(transitiveGroups(undefined, USER).size).toBe(0);
  });

  test('a graph section with bad ids is refused with the path of each problem', () => {
    const problems = validateScenario({
      subscriptions: [{ subscriptionId: '11111111-1111-4111-8111-111111111111', displayName: 'x' }],
      graph: { groups: [{ id: 'not-a-guid', members: ['bob'] }] },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^graph\.groups\[0\]\.id: must be a GUID/),
      expect.stringMatching(/^graph\.groups\[0\]\.members\[0\]: must be a user or group object id/),
    ]);
  });
});

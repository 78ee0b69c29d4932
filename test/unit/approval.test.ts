import {
  canMove,
  decide,
  isExpired,
  pendingApprovers,
  type Approval,
  type ApprovalPolicy,
} from '../../src/domain/approval';

const REQUESTER = { aadObjectId: 'aaaa', name: 'Alex' };
const MEGAN = { aadObjectId: 'bbbb', name: 'Megan' };
const ADELE = { aadObjectId: 'cccc', name: 'Adele' };
const policy: ApprovalPolicy = { approverIds: ['aaaa', 'bbbb', 'cccc'], approvalsRequired: 1 };
const NOW = new Date('2026-11-20T12:00:00Z');

const pending = (over: Partial<Approval> = {}): Approval => ({
  id: 'id-1',
  change: { kind: 'setPlan', planId: 'P2', fromTier: 'Standard', fromPlanId: 'P1' },
  subscriptionId: 'sub',
  subscriptionName: 'Prod',
  requester: REQUESTER,
  createdAt: '2026-11-20T11:00:00Z',
  expiresAt: '2026-11-21T11:00:00Z',
  state: 'pending',
  decisions: [],
  ...over,
});

describe('approval decisions', () => {
  test('an approver who is not the requester approves it', () => {
    const result = decide(pending(), MEGAN, 'approve', NOW, policy);
    expect(result).toMatchObject({
      ok: true,
      approval: { state: 'approved', decisions: [{ actor: MEGAN, verdict: 'approve' }] },
    });
  });

  test('someone outside APPROVER_IDS is refused', () => {
    expect(decide(pending(), { aadObjectId: 'zzzz', name: 'Eve' }, 'approve', NOW, policy)).toMatchObject({
      ok: false,
      reason: 'not_approver',
    });
  });

  test('a user without an Entra object id is never an approver', () => {
    expect(decide(pending(), { name: 'Guest' }, 'approve', NOW, policy)).toMatchObject({
      ok: false,
      reason: 'not_approver',
    });
  });

  test('the requester cannot approve their own request, in any letter case', () => {
    const upper = { aadObjectId: 'AAAA', name: 'Alex' };
    expect(decide(pending(), upper, 'approve', NOW, policy)).toMatchObject({ ok: false, reason: 'self_approval' });
  });

  test('past its expiry a request only expires', () => {
    const late = new Date('2026-11-21T11:00:00Z');
    expect(isExpired(pending(), late)).toBe(true);
    expect(decide(pending(), MEGAN, 'approve', late, policy)).toMatchObject({
      ok: false,
      reason: 'expired',
      approval: { state: 'expired' },
    });
  });

  test('a decided request takes no more decisions', () => {
    const rejected = pending({ state: 'rejected' });
    expect(decide(rejected, ADELE, 'approve', NOW, policy)).toMatchObject({ ok: false, reason: 'already_decided' });
  });

  test('with two approvals required, one approver cannot count twice', () => {
    const two = { ...policy, approvalsRequired: 2 };
    const first = decide(pending(), MEGAN, 'approve', NOW, two);
    expect(first).toMatchObject({ ok: true, approval: { state: 'pending' } });
    expect(decide(first.approval, MEGAN, 'approve', NOW, two)).toMatchObject({ ok: false, reason: 'already_voted' });
    expect(decide(first.approval, ADELE, 'approve', NOW, two)).toMatchObject({
      ok: true,
      approval: { state: 'approved' },
    });
  });

  test('one rejection closes the request', () => {
    const two = { ...policy, approvalsRequired: 2 };
    expect(decide(pending(), MEGAN, 'reject', NOW, two)).toMatchObject({ ok: true, approval: { state: 'rejected' } });
  });

  test('after approval the only moves are running, then succeeded or failed', () => {
    expect(canMove('approved', 'running')).toBe(true);
    expect(canMove('running', 'succeeded')).toBe(true);
    expect(canMove('running', 'failed')).toBe(true);
    expect(canMove('pending', 'running')).toBe(false);
    expect(canMove('succeeded', 'running')).toBe(false);
  });

  test('the approvers still able to decide exclude the requester and those who decided', () => {
    const after = decide(pending(), MEGAN, 'approve', NOW, { ...policy, approvalsRequired: 2 }).approval;
    expect(pendingApprovers(after, policy)).toEqual(['cccc']);
  });
});

import { AppError } from '../errors/app-error';
import { BoundedMap } from '../util/bounded-map';

/** Entra group membership, as Microsoft Graph answers it (transitively: members of nested groups count). */
export interface GroupDirectory {
  /** Of `groupIds`, those the user is a member of. Throws when the directory cannot answer. */
  memberGroups(userId: string, groupIds: readonly string[], signal?: AbortSignal): Promise<string[]>;
}

/** How long an answer is reused, in ms: short, so removing someone from a group takes effect within a minute. */
export const MEMBERSHIP_TTL_MS = 60_000;
/** Remembered users at most (oldest forgotten first), so the cache cannot grow without bound. */
const MAX_ENTRIES = 5_000;
/** A check that takes longer than this (ms) counts as Graph not answering. */
export const GRAPH_TIMEOUT_MS = 5_000;

/**
 * Group checks with a short cache and a timeout. Fails closed: when Graph cannot answer, the caller gets an AppError
 * whose message says so, never a guess that the person is (or is not) a member.
 */
export class GroupMembership {
  private readonly cache = new BoundedMap<string, { at: number; groups: Promise<string[]> }>(MAX_ENTRIES);

  constructor(
    private readonly directory: GroupDirectory,
    private readonly now: () => number = () => performance.now(),
    private readonly ttlMs = MEMBERSHIP_TTL_MS,
    private readonly timeoutMs = GRAPH_TIMEOUT_MS,
  ) {}

  async isMemberOfAny(userId: string, groupIds: readonly string[]): Promise<boolean> {
    if (groupIds.length === 0) return false;
    const key = `${userId}|${[...groupIds].sort().join(',')}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return (await cached.groups).length > 0;
    const groups = this.ask(userId, groupIds);
    this.cache.set(key, { at: this.now(), groups });
    // A failure is not cached: the next check asks Graph again.
    groups.catch(() => this.cache.delete(key));
    return (await groups).length > 0;
  }

  private async ask(userId: string, groupIds: readonly string[]): Promise<string[]> {
    try {
      return await this.directory.memberGroups(userId, groupIds, AbortSignal.timeout(this.timeoutMs));
    } catch (error) {
      throw new AppError(
        'graph_unavailable',
        "I couldn't check your Microsoft Entra group membership with Microsoft Graph just now, so I did not treat you as an approver or admin and nothing was changed. Try again in a minute; if it keeps happening, tell the person who runs this bot.",
        {
          cause: error,
          detail: `Graph checkMemberGroups failed: ${String((error as Error)?.message ?? error).slice(0, 300)}`,
        },
      );
    }
  }
}

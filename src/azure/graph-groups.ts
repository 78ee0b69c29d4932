import { createRestError, getClient, type Client } from '@azure-rest/core-client';
import type { GroupDirectory } from '../services/group-directory';
import { commonClientOptions, type AzureConnection } from './connection';

export const GRAPH_ENDPOINT = 'https://graph.microsoft.com';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * Entra group membership through Microsoft Graph v1.0 `POST /users/{id}/checkMemberGroups` (transitive; at most 20
 * group ids per call), under the bot's Azure identity, which needs the application permissions User.Read.All and
 * GroupMember.Read.All. In sandbox mode the same calls go to the sandbox, which answers from the scenario's `graph`.
 */
export class GraphGroupDirectory implements GroupDirectory {
  private readonly client: Client;

  constructor(connection: AzureConnection, endpoint = GRAPH_ENDPOINT) {
    this.client = getClient(endpoint, connection.credential, {
      ...commonClientOptions(connection, endpoint),
      credentials: { scopes: [GRAPH_SCOPE] },
    });
  }

  async memberGroups(userId: string, groupIds: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const response = await this.client
      .path('/v1.0/users/{id}/checkMemberGroups', userId)
      .post({ body: { groupIds: [...groupIds] }, abortSignal: signal });
    // A user Graph does not know is in no group (and so no approver); any other answer is a failure.
    if (response.status === '404') return [];
    if (response.status !== '200') throw createRestError(response);
    const value = (response.body as { value?: unknown }).value;
    if (!Array.isArray(value)) throw new Error('Graph answered checkMemberGroups without a value array');
    const asked = new Set(groupIds.map((id) => id.toLowerCase()));
    return value.filter((id): id is string => typeof id === 'string' && asked.has(id.toLowerCase()));
  }
}

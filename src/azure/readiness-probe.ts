import { PUBLIC_CLOUD, type AzureConnection } from './connection';
import { SubscriptionsApi } from './subscriptions';

/**
 * Does Azure answer? The credential must hand out an ARM token (managed identity, developer sign-in). Against the
 * sandbox, whose credential always answers, the sandbox itself must also answer an ARM call (GET /subscriptions).
 */
export async function probeAzure(
  connection: AzureConnection,
  options: { armCall: boolean },
  signal: AbortSignal,
): Promise<void> {
  const token = await connection.credential.getToken(PUBLIC_CLOUD.scope, { abortSignal: signal });
  if (!token) throw new Error('the Azure credential returned no token');
  if (options.armCall) await new SubscriptionsApi(connection).list(signal);
}

import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';

/** The sandbox accepts any bearer token; this one exists so the SDKs' normal bearer-token policy stays in place. */
export const sandboxCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: 'sandbox-token',
    expiresOnTimestamp: Date.now() + 3_600_000,
    tokenType: 'Bearer',
  }),
};

/** Managed identity in Azure, developer sign-in (Azure CLI, VS Code) locally. */
export function azureCredential(): TokenCredential {
  return new DefaultAzureCredential();
}

import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';

/** Managed identity in Azure, developer sign-in (Azure CLI, VS Code) locally. */
export function azureCredential(): TokenCredential {
  return new DefaultAzureCredential();
}

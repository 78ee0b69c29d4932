import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';

/** Sandbox mode: tokens whose audience is the requested scope's resource, checked by the sandbox as Azure does. */
export { sandboxCredential } from '../sandbox/tokens';

/** Managed identity in Azure, developer sign-in (Azure CLI, VS Code) locally. */
export function azureCredential(): TokenCredential {
  return new DefaultAzureCredential();
}

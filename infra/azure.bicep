// Azure resources of the Defender for APIs bot (Teams Toolkit `arm/deploy`, see teamsapp.yml):
//   - a Linux App Service (NODE|22-lts) running `node dist/src/index.js` from a production-only zip
//     (teamsapp deploy: `npm run stage:deploy`, then azureAppService/zipDeploy with an Entra token);
//   - a user-assigned managed identity: the bot's Bot Framework identity (msaAppType UserAssignedMSI, BOT_TYPE
//     UserAssignedMsi: no Entra app, no client secret to leak or expire) and its Azure identity for ARM calls
//     (DefaultAzureCredential picks it through AZURE_CLIENT_ID) and for the state storage;
//   - a Storage account with the blob container `botstate` (shared state: conversations, approvals, alerts),
//     reached with that identity only (no account keys);
//   - the Azure Bot registration with the Microsoft Teams channel (botRegistration/azurebot.bicep);
//   - optionally (grantSubscriptionRoles='true') the subscription roles the bot needs (subscriptionRoles.bicep).
//
// NOT COMPILED HERE: no Bicep CLI was available offline, so this file was written by hand from the toolkit's
// template and the resource types' documented properties, in the syntax of the toolkit's pinned Bicep v0.9.1 (one
// property per line). Run `az bicep build --file infra/azure.bicep` (or `teamsapp provision --env dev`) to check it.
//
// Deploying the role assignment on the state container needs Owner, User Access Administrator or Role Based Access
// Control Administrator on the resource group; grantSubscriptionRoles='true' needs one of them on the subscription.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU. B1 or above: Always On (needed for the alert timer) is not available on F1.')
param webAppSku string = 'B1'

@maxLength(42)
param botDisplayName string

@description('Comma-separated Microsoft Entra object ids of the approvers (APPROVER_IDS), or none (tools/provision-env.ts)')
param approverIds string = 'none'

@description('\'true\': give the identity Reader, Security Admin and API Management Service Contributor on this subscription. Needs Owner, User Access Administrator or Role Based Access Control Administrator on it.')
@allowed([
  'true'
  'false'
])
param grantSubscriptionRoles string = 'false'

@description('Comma-separated Entra group object ids whose transitive members may approve (APPROVER_GROUP_IDS)')
param approverGroupIds string = 'none'

@description('Comma-separated Entra group object ids whose members may bind subscriptions to chats (ADMIN_GROUP_IDS); empty = the approvers')
param adminGroupIds string = 'none'

@description('bound: each chat sees only the subscriptions an admin bound to it; open: every subscription (ACCESS_MODE)')
@allowed(['bound', 'open'])
param accessMode string = 'bound'

@description('How often month-to-date usage is checked for entitlement alerts (ALERT_CHECK_INTERVAL_SECONDS)')
param alertCheckIntervalSeconds int = 900

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName
var identityName = resourceBaseName
// Storage account names: 3-24 lowercase letters and digits, globally unique.
var storageAccountName = take('st${uniqueString(resourceGroup().id, resourceBaseName)}', 24)
var stateContainerName = 'botstate'
// Built-in role "Storage Blob Data Contributor".
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Entra-only access: the managed identity is the only way in, no keys to leak or rotate.
    allowSharedKeyAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The bot may read and write blobs in its state container, and nothing else in the account.
resource stateContainerDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: stateContainer
  name: guid(stateContainer.id, identity.id, storageBlobDataContributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: serverfarmsName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    // true = Linux plan
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      // Node 22 LTS: the project's floor (package.json engines >=22).
      linuxFxVersion: 'NODE|22-lts'
      // AsyncLocalStorage without async_hooks' per-promise cost (Node 24's default; see tools/node-flags.ts).
      appCommandLine: 'node --experimental-async-context-frame dist/src/index.js'
      // The alert timer runs inside the process: keep it loaded.
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // One object per line: single-line objects need a newer Bicep than the toolkit's pinned v0.9.1.
      appSettings: [
        // The deployed zip (.deploy/: dist, cards, production node_modules) is mounted read-only as wwwroot.
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        // App Service sets PORT itself; the bot reads it.
        {
          name: 'AZURE_MODE'
          value: 'azure'
        }
        // DefaultAzureCredential → ManagedIdentityCredential with this user-assigned identity.
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        // The Bot Framework identity is the same managed identity, so there is no password setting.
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMsi'
        }
        {
          name: 'BOT_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'APPROVER_IDS'
          value: approverIds == 'none' ? '' : approverIds
        }
        {
          name: 'APPROVER_GROUP_IDS'
          value: approverGroupIds == 'none' ? '' : approverGroupIds
        }
        {
          name: 'ADMIN_GROUP_IDS'
          value: adminGroupIds == 'none' ? '' : adminGroupIds
        }
        {
          name: 'ACCESS_MODE'
          value: accessMode
        }
        // ALLOWED_TENANT_IDS is left unset: it defaults to BOT_TENANT_ID, the only tenant a single-tenant bot serves.
        {
          name: 'ALERT_CHECK_INTERVAL_SECONDS'
          value: string(alertCheckIntervalSeconds)
        }
        // Shared state: the container URL, used with the managed identity (primaryEndpoints.blob ends with '/').
        {
          name: 'BLOB_STORAGE_URL'
          value: '${storage.properties.primaryEndpoints.blob}${stateContainerName}'
        }
        // Local files (if any) go under /home, which is writable and survives restarts (wwwroot is read-only;
        // /home/data belongs to Kudu's deployments).
        {
          name: 'DATA_DIR'
          value: '/home/botdata'
        }
      ]
    }
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// SCM (Kudu) and FTP basic authentication off: the toolkit's zip deploy authenticates with an Entra token.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Optional, off by default: the bot's roles on this subscription (a nested deployment at subscription scope).
module subscriptionRoles './subscriptionRoles.bicep' = if (grantSubscriptionRoles == 'true') {
  name: 'Bot-subscription-roles'
  scope: subscription()
  params: {
    principalId: identity.properties.principalId
  }
}

// The toolkit writes these outputs to env/.env.<env> (BOT_AZURE_APP_SERVICE_RESOURCE_ID is used by zipDeploy).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
// The bot's app id and tenant (appPackage/manifest.json botId; the Azure Bot registration's msaAppId).
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output BOT_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output BLOB_STORAGE_URL string = '${storage.properties.primaryEndpoints.blob}${stateContainerName}'

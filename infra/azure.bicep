// Azure resources of the Defender for APIs bot (Teams Toolkit `arm/deploy`, see teamsapp.yml):
//   - a Linux App Service (Node 20) running `node dist/src/index.js`;
//   - a user-assigned managed identity: the bot's Azure identity for ARM calls (DefaultAzureCredential picks it
//     through AZURE_CLIENT_ID) and for the state storage;
//   - a Storage account with the blob container `botstate` (shared state: conversations, approvals, alerts),
//     reached with that identity only (no account keys);
//   - the Azure Bot registration (SingleTenant) with the Microsoft Teams channel (botRegistration/azurebot.bicep).
//
// NOT COMPILED HERE: no Bicep CLI was available offline, so this file was written by hand from the toolkit's
// templates and the resource types' documented properties. Run `az bicep build --file infra/azure.bicep` (or
// `teamsapp provision --env dev`) before relying on it.
//
// What this template cannot do (it deploys into one resource group): give the managed identity rights on the
// subscriptions the bot manages. After provisioning, for each subscription (principal id = the output
// BOT_MANAGED_IDENTITY_PRINCIPAL_ID):
//   az role assignment create --assignee-object-id <principalId> --assignee-principal-type ServicePrincipal \
//     --role Reader --scope /subscriptions/<subscriptionId>                          # list APIs, read metrics
//   ... --role "Security Admin" --scope /subscriptions/<subscriptionId>             # set the Defender for APIs plan
//   ... --role "API Management Service Contributor" --scope /subscriptions/<subscriptionId>   # onboard APIs
// Deploying the role assignment below (on the state container) needs Owner or User Access Administrator on the
// resource group.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU. B1 or above: Always On (needed for the alert timer) is not available on F1.')
param webAppSku string = 'B1'

@maxLength(42)
param botDisplayName string

@description('Client id of the bot\'s single-tenant Microsoft Entra app (BOT_ID)')
param botEntraAppClientId string

@secure()
@description('Client secret of that app (BOT_PASSWORD)')
param botEntraAppClientSecret string

@description('Tenant id of that app (BOT_TENANT_ID)')
param botEntraAppTenantId string = tenant().tenantId

@description('Comma-separated Microsoft Entra object ids of the people who may approve changes (APPROVER_IDS)')
param approverIds string = ''

@description('Comma-separated Entra group object ids whose transitive members may approve (APPROVER_GROUP_IDS)')
param approverGroupIds string = ''

@description('Comma-separated Entra group object ids whose members may bind subscriptions to chats (ADMIN_GROUP_IDS); empty = the approvers')
param adminGroupIds string = ''

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
      // Node 20 as the project targets (package.json engines >=20); move to NODE|22-lts when App Service drops 20.
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      // The alert timer runs inside the process: keep it loaded.
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // One object per line: single-line objects need a newer Bicep than the toolkit's pinned v0.9.1.
      appSettings: [
        // The deployed zip (built by `teamsapp deploy`, node_modules included) is mounted read-only as wwwroot.
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
        {
          name: 'BOT_ID'
          value: botEntraAppClientId
        }
        // A Key Vault reference would keep the secret out of the app settings; kept plain for a readable template.
        {
          name: 'BOT_PASSWORD'
          value: botEntraAppClientSecret
        }
        {
          name: 'BOT_TYPE'
          value: 'SingleTenant'
        }
        {
          name: 'BOT_TENANT_ID'
          value: botEntraAppTenantId
        }
        {
          name: 'APPROVER_IDS'
          value: approverIds
        }
        {
          name: 'APPROVER_GROUP_IDS'
          value: approverGroupIds
        }
        {
          name: 'ADMIN_GROUP_IDS'
          value: adminGroupIds
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
    botAppId: botEntraAppClientId
    botAppTenantId: botEntraAppTenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// The toolkit writes these outputs to env/.env.<env> (BOT_AZURE_APP_SERVICE_RESOURCE_ID is used by zipDeploy).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output BOT_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output BLOB_STORAGE_URL string = '${storage.properties.primaryEndpoints.blob}${stateContainerName}'

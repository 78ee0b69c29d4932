// Azure Bot registration whose Bot Framework identity is the bot's user-assigned managed identity
// (msaAppType UserAssignedMSI: no Entra app, no client secret to leak or expire), with the Microsoft Teams channel.
// Deployed as a module of ../azure.bicep, as in the toolkit's current TypeScript bot template.
// NOT COMPILED HERE: no Bicep CLI was available offline; run `az bicep build --file infra/azure.bicep` to check.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName

@description('F0 is free and enough for Teams; S1 only adds premium channels.')
param botServiceSku string = 'F0'

@description('Resource id of the user-assigned managed identity')
param identityResourceId string

@description('Its client id: the bot\'s app id (BOT_ID)')
param identityClientId string

@description('Its tenant: the bot only accepts tokens for it (BOT_TENANT_ID)')
param identityTenantId string

@description('Host name of the App Service, e.g. defapis1234.azurewebsites.net')
param botAppDomain string

// Register the web service as a bot with the Bot Framework. Bot Service resources are always global.
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
  sku: {
    name: botServiceSku
  }
}

// Connect the bot to Microsoft Teams.
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botServiceResourceId string = botService.id

// Azure Bot registration for the bot's single-tenant Microsoft Entra app, with the Microsoft Teams channel.
// Deployed as a module of ../azure.bicep. NOT COMPILED HERE: no Bicep CLI was available offline, so this file was
// written by hand from the toolkit templates; run `az bicep build --file infra/azure.bicep` before relying on it.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName

@description('F0 is free and enough for Teams; S1 only adds premium channels.')
param botServiceSku string = 'F0'

@description('Client id of the bot\'s Microsoft Entra app (BOT_ID)')
param botAppId string

@description('Tenant of that app: SingleTenant bots only accept tokens from it (BOT_TENANT_ID)')
param botAppTenantId string

@description('Host name of the App Service, e.g. app-xyz.azurewebsites.net')
param botAppDomain string

// Register the web service as a bot with the Bot Framework. Bot Service resources are always global.
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAppId
    // New multi-tenant bots are deprecated; SingleTenant matches BOT_TYPE=SingleTenant in the app settings.
    msaAppType: 'SingleTenant'
    msaAppTenantId: botAppTenantId
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

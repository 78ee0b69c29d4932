// The Azure roles the bot's managed identity needs on one subscription it manages. Deployed by azure.bicep only
// with grantSubscriptionRoles=true (off by default): creating role assignments at subscription scope needs Owner,
// User Access Administrator or Role Based Access Control Administrator there. The README ("Deploying") names the
// same three roles and the `az role assignment create` commands that grant them by hand.
// NOT COMPILED HERE: no Bicep CLI was available offline; written from the Bicep and role assignment documentation.
targetScope = 'subscription'

@description('Principal (object) id of the bot\'s user-assigned managed identity')
param principalId string

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = [
  {
    // List subscriptions, APIM services and APIs, read the Requests metric, the plan and the recommendation.
    name: 'Reader'
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
  }
  {
    // Change the Defender for APIs plan (PUT pricings/Api) and onboard APIs (PUT apiCollections).
    name: 'Security Admin'
    id: 'fb1c8493-542b-48eb-b624-b4c8fea62acd'
  }
  {
    // Onboarding writes Defender's apiCollections onto the APIM service's APIs.
    name: 'API Management Service Contributor'
    id: '312a565d-c81f-4fd8-895a-4e21e48d571c'
  }
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(subscription().id, principalId, role.id)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
    principalId: principalId
    // A new identity may not have replicated yet; naming its type avoids the PrincipalNotFound race.
    principalType: 'ServicePrincipal'
    description: 'defender-apis-bot: ${role.name}'
  }
}]

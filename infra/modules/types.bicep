// Shared types and constants for the modules (compile-time imports; nothing here is deployed).

@export()
@description('Tags applied to every resource.')
type tagMap = {
  *: string
}

@export()
@description('WeChat subscribe-message template ids by the app\'s template key (becomes WeChat__Templates__<key>).')
type templateIdMap = {
  *: string
}

@export()
@description('An Azure RBAC role granted to one principal on the single resource that the module creates.')
type roleGrant = {
  @description('Object (principal) id of the identity, user or group.')
  principalId: string

  @description('Kind of principal; ServicePrincipal for managed identities.')
  principalType: 'User' | 'Group' | 'ServicePrincipal'

  @description('Built-in role definition id (a GUID, see builtInRoles).')
  roleDefinitionId: string
}

@export()
@description('A Cosmos DB container as listed in data-plane.json.')
type cosmosContainer = {
  @description('Container name.')
  name: string

  @description('Partition key path, e.g. /communityId.')
  partitionKey: string

  @description('Default time to live in seconds; -1 enables per-item TTL without expiring by default.')
  defaultTtl: int?

  @description('Index paths to exclude, e.g. /content/?.')
  excludedPaths: string[]?
}

@export()
@description('Built-in Azure RBAC role definition ids used by this deployment.')
var builtInRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

@export()
@description('Names of the Key Vault secrets the operator sets after the first deployment (values never live in templates).')
var keyVaultSecretNames = {
  weChatAppSecret: 'wechat-app-secret'
  weChatPushToken: 'wechat-push-token'
  weChatEncodingAesKey: 'wechat-encoding-aes-key'
  tokenSigningKey: 'token-signing-key'
  dataProtectionKey: 'data-protection-key'
}

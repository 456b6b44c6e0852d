// Key Vault (RBAC authorisation) for the WeChat and token-signing secrets. The template creates the vault
// only: the operator sets the secret values after the first deployment (docs/deploy.md).
import { roleGrant, tagMap } from 'types.bicep'

@minLength(3)
@maxLength(24)
@description('Key Vault name (globally unique in the cloud).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags tagMap

@description('Enable purge protection (cannot be turned off again once on).')
param enablePurgeProtection bool

@minValue(7)
@maxValue(90)
@description('Days a deleted vault or secret stays recoverable.')
param softDeleteRetentionInDays int = 90

@description('Roles granted on the vault.')
param roleAssignments roleGrant[]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects "false" once set; null leaves it off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in roleAssignments: {
    name: guid(vault.id, grant.principalId, grant.roleDefinitionId)
    scope: vault
    properties: {
      principalId: grant.principalId
      principalType: grant.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
    }
  }
]

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI (properties.vaultUri).')
output uri string = vault.properties.vaultUri

// Storage account for the Functions host (AzureWebJobsStorage), the app's queues and blobs, and the
// deployment package container. Keyless: shared-key access is disabled, every caller uses Entra ID.
import { roleGrant, tagMap } from 'types.bicep'

@minLength(3)
@maxLength(24)
@description('Storage account name (globally unique, lowercase letters and digits).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagMap

@description('Queues to create (from data-plane.json).')
param queueNames string[]

@description('Blob containers to create (from data-plane.json plus the deployment container).')
param blobContainerNames string[]

@description('Blob name prefixes ("container/path/") whose blobs are deleted after uploadRetentionDays: uploads that were never attached.')
param expiringBlobPrefixes string[]

@minValue(1)
@description('Days after which blobs under expiringBlobPrefixes are deleted.')
param uploadRetentionDays int = 1

@description('Log Analytics workspace that receives the queue service write logs (used by the poison-queue alert).')
param logAnalyticsWorkspaceId string

@description('Roles granted on the storage account.')
param roleAssignments roleGrant[]

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
@description('Replication SKU.')
param skuName string = 'Standard_LRS'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in blobContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-unattached-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: expiringBlobPrefixes
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: uploadRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-writes-to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
    ]
  }
}

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in roleAssignments: {
    name: guid(storage.id, grant.principalId, grant.roleDefinitionId)
    scope: storage
    properties: {
      principalId: grant.principalId
      principalType: grant.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
    }
  }
]

@description('Name of the storage account.')
output name string = storage.name

@description('Resource id of the storage account.')
output id string = storage.id

@description('Blob service endpoint (with trailing slash).')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Queue service endpoint (with trailing slash).')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('Table service endpoint (with trailing slash).')
output tableEndpoint string = storage.properties.primaryEndpoints.table

// Cosmos DB for NoSQL, serverless, Entra-only (local/key auth disabled). Data-plane RBAC cannot create
// databases or containers, so every one the app uses is declared here.
import { cosmosContainer, tagMap } from 'types.bicep'

@minLength(3)
@maxLength(44)
@description('Cosmos DB account name (globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags tagMap

@description('SQL database name (from data-plane.json).')
param databaseName string

@description('Containers (from data-plane.json).')
param containers cosmosContainer[]

@description('Principal (object) ids granted the Cosmos DB Built-in Data Contributor role on the database.')
param dataContributorPrincipalIds string[]

// Cosmos DB Built-in Data Contributor (a data-plane role definition of every account).
var dataContributorRoleDefinitionId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [
              container.partitionKey
            ]
            kind: 'Hash'
            version: 2
          }
          indexingPolicy: {
            indexingMode: 'consistent'
            automatic: true
            includedPaths: [
              {
                path: '/*'
              }
            ]
            excludedPaths: concat(
              [
                {
                  path: '/"_etag"/?'
                }
              ],
              map(container.?excludedPaths ?? [], path => { path: path })
            )
          }
        },
        container.?defaultTtl == null ? {} : { defaultTtl: container.?defaultTtl }
      )
    }
  }
]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2024-11-15' existing = {
  parent: account
  name: dataContributorRoleDefinitionId
}

// Cosmos RBAC rejects concurrent writes of role assignments on one account: create them one at a time.
@batchSize(1)
resource dataContributorAssignments 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [
  for principalId in dataContributorPrincipalIds: {
    parent: account
    name: guid(account.id, database.id, principalId, dataContributorRoleDefinitionId)
    properties: {
      principalId: principalId
      roleDefinitionId: dataContributor.id
      // One resource: this account's database.
      scope: '${account.id}/dbs/${database.name}'
    }
  }
]

@description('Name of the Cosmos DB account.')
output name string = account.name

@description('Data-plane endpoint of the account (documentEndpoint).')
output endpoint string = account.properties.documentEndpoint

@description('Name of the SQL database.')
output databaseName string = database.name

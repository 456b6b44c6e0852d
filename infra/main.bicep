// 共同缔造 (GongTongDizao) backend: everything the Functions app needs, in one resource group.
// Deploy with `azd up` (main.parameters.json) or `az deployment sub create` with a .bicepparam file
// from params/. Works in the public cloud and Azure China: no DNS suffix is written here, every endpoint
// comes from environment() or a resource's own properties.
targetScope = 'subscription'

import { builtInRoles, keyVaultSecretNames, roleGrant, tagMap, templateIdMap } from 'modules/types.bicep'

metadata description = 'GongTongDizao backend: Functions (isolated .NET 10), Cosmos DB, Storage, Key Vault, monitoring.'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd environment name); used in the resource group name and tags.')
param environmentName string

@minLength(1)
@description('Azure region for every resource, e.g. eastasia or chinanorth3.')
param location string

@description('Resource group to create; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the deploying user or service principal. When set it gets Cosmos DB data access and Key Vault Secrets Officer so the operator can set the secrets. Empty to skip.')
param principalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
@description('Kind of principal principalId is.')
param principalType string = 'User'

@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
@description('FlexConsumption where offered (public cloud); ElasticPremium where it is not (Azure China).')
param hostingPlan string = 'FlexConsumption'

@allowed([
  'EP1'
  'EP2'
  'EP3'
])
@description('Elastic Premium size (ElasticPremium only).')
param elasticPremiumSku string = 'EP1'

@minValue(1)
@maxValue(100)
@description('Maximum burst instances (ElasticPremium only).')
param elasticPremiumMaximumWorkers int = 20

@minValue(40)
@maxValue(1000)
@description('Maximum instances (FlexConsumption only).')
param flexMaximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
@description('Instance memory in MB (FlexConsumption only).')
param flexInstanceMemoryMB int = 2048

@minLength(1)
@description('WeChat mini-program AppID (public; the AppSecret goes to Key Vault).')
param weChatAppId string

@allowed([
  'Safe'
  'Compatible'
  'Plain'
])
@description('Message push encryption mode; must match the WeChat console (安全模式 = Safe).')
param weChatPushMode string = 'Safe'

@allowed([
  'formal'
  'trial'
  'developer'
])
@description('miniprogram_state used when sending subscribe messages.')
param weChatMiniProgramState string = 'formal'

@description('WeChat server API base address.')
param weChatBaseAddress string = 'https://api.weixin.qq.com'

@minLength(1)
@description('Audience of the tokens the app issues to the mini-program.')
param authAudience string = 'gongtongdizao-miniprogram'

@description('Lifetime of the tokens the app issues, as a TimeSpan (00:05:00 to 1.00:00:00).')
param authTokenLifetime string = '02:00:00'

@description('WeChat subscribe-message template ids by template key (app setting WeChat__Templates__<key>).')
param subscribeTemplateIds templateIdMap = {}

@description('Subscribe templates sent as long-term subscriptions (政务民生 category only); empty means one-time only.')
param longTermSubscribeTemplates string[] = []

@description('Template ids as "key=id;key2=id2" (for azd, which passes strings from environment variables); merged over subscribeTemplateIds.')
param subscribeTemplateIdPairs string = ''

@description('E-mail address for alerts; empty for no action group.')
param alertEmail string = ''

@description('Key Vault purge protection (recommended for production; it cannot be turned off again).')
param keyVaultPurgeProtection bool = true

@minValue(30)
@maxValue(730)
@description('Days the Log Analytics workspace keeps telemetry (the workbook reads up to a year back).')
param logRetentionInDays int = 90

@description('Extra tags for every resource.')
param tags tagMap = {}

// The single source of data-plane names, shared with the app and the local provisioner.
var dataPlane = loadJsonContent('data-plane.json')

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var allTags = union(tags, { 'azd-env-name': environmentName })

// Entra-only App Insights ingestion where the cloud supports it (public cloud); elsewhere the
// connection string's instrumentation key is used.
var entraOnlyIngestion = environment().name == 'AzureCloud'

// Names are computed here, not taken from module outputs, so What-If can predict every resource.
var identityName = 'id-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var appInsightsName = 'appi-${resourceToken}'

var deploymentContainerName = 'deployment-package'
var packageBlobName = 'api.zip'
var hasPrincipal = !empty(principalId)

var templateIdPairs = filter(map(split(subscribeTemplateIdPairs, ';'), pair => trim(pair)), pair => contains(pair, '='))
var templateIds = union(
  subscribeTemplateIds,
  toObject(templateIdPairs, pair => trim(split(pair, '=')[0]), pair => trim(split(pair, '=')[1]))
)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: allTags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: allTags
  }
}

var appGrant = {
  principalId: identity.outputs.principalId
  principalType: 'ServicePrincipal'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    appInsightsName: appInsightsName
    location: location
    tags: allTags
    entraOnlyIngestion: entraOnlyIngestion
    retentionInDays: logRetentionInDays
    telemetryPublisherIdentityName: identityName
  }
  dependsOn: [
    identity
  ]
}

var appStorageGrants roleGrant[] = [
  union(appGrant, { roleDefinitionId: builtInRoles.storageBlobDataOwner })
  union(appGrant, { roleDefinitionId: builtInRoles.storageQueueDataContributor })
  union(appGrant, { roleDefinitionId: builtInRoles.storageTableDataContributor })
]

// The operator inspects and replays poison queues; on Elastic Premium they also upload the package.
var principalStorageGrants roleGrant[] = hasPrincipal
  ? concat(
      [
        {
          principalId: principalId
          principalType: principalType
          roleDefinitionId: builtInRoles.storageQueueDataContributor
        }
      ],
      hostingPlan == 'ElasticPremium'
        ? [
            {
              principalId: principalId
              principalType: principalType
              roleDefinitionId: builtInRoles.storageBlobDataContributor
            }
          ]
        : []
    )
  : []

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: allTags
    queueNames: dataPlane.storage.queues
    blobContainerNames: concat(dataPlane.storage.blobContainers, [deploymentContainerName])
    expiringBlobPrefixes: [
      'attachments/uploads/'
    ]
    uploadRetentionDays: 1
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    roleAssignments: concat(appStorageGrants, principalStorageGrants)
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: 'cosmos-${resourceToken}'
    location: location
    tags: allTags
    databaseName: dataPlane.cosmos.database
    containers: dataPlane.cosmos.containers
    dataContributorPrincipalIds: concat([identity.outputs.principalId], hasPrincipal ? [principalId] : [])
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultPurgeProtection
    roleAssignments: concat(
      [
        union(appGrant, { roleDefinitionId: builtInRoles.keyVaultSecretsUser })
      ],
      hasPrincipal
        ? [
            {
              principalId: principalId
              principalType: principalType
              roleDefinitionId: builtInRoles.keyVaultSecretsOfficer
            }
          ]
        : []
    )
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    planName: 'plan-${resourceToken}'
    appName: 'func-${resourceToken}'
    location: location
    tags: allTags
    azdServiceName: 'api'
    hostingPlan: hostingPlan
    elasticPremiumSku: elasticPremiumSku
    elasticPremiumMaximumWorkers: elasticPremiumMaximumWorkers
    flexMaximumInstanceCount: flexMaximumInstanceCount
    flexInstanceMemoryMB: flexInstanceMemoryMB
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    packageBlobName: packageBlobName
    appInsightsName: appInsightsName
    entraOnlyIngestion: entraOnlyIngestion
    keyVaultName: keyVault.outputs.name
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    weChatAppId: weChatAppId
    weChatPushMode: weChatPushMode
    weChatMiniProgramState: weChatMiniProgramState
    weChatBaseAddress: weChatBaseAddress
    authAudience: authAudience
    authTokenLifetime: authTokenLifetime
    subscribeTemplateIds: templateIds
    longTermSubscribeTemplates: longTermSubscribeTemplates
    secretNames: keyVaultSecretNames
  }
  // Role assignments on storage (Flex deployment container) and App Insights must exist first.
  dependsOn: [
    storage
    monitoring
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: allTags
    workspaceId: monitoring.outputs.workspaceId
    nameSuffix: resourceToken
    alertEmail: alertEmail
    poisonQueueNames: filter(dataPlane.storage.queues, queue => endsWith(queue, '-poison'))
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: allTags
    appInsightsName: appInsightsName
  }
  dependsOn: [
    monitoring
  ]
}

// Names and endpoints for azd and the operator; never a secret, key or connection string.
@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Hosting plan kind in use.')
output AZURE_FUNCTIONS_HOSTING_PLAN string = hostingPlan

@description('Function app name (azd service api).')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Function app host name: WeChat request domain and message push host.')
output AZURE_FUNCTION_APP_HOST string = functionApp.outputs.defaultHostName

@description('Client id of the app\'s managed identity.')
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Key Vault name (set the secrets here).')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Key Vault URI.')
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

@description('Cosmos DB account name.')
output AZURE_COSMOS_ACCOUNT_NAME string = cosmos.outputs.name

@description('Cosmos DB endpoint.')
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint

@description('Cosmos DB database name.')
output AZURE_COSMOS_DATABASE_NAME string = cosmos.outputs.databaseName

@description('Storage account name.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob endpoint of the storage account.')
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint

@description('Container that holds deployment packages.')
output AZURE_DEPLOYMENT_CONTAINER_NAME string = deploymentContainerName

@description('Package blob an Elastic Premium app runs from (infra/scripts/deploy-package.sh uploads it).')
output AZURE_PACKAGE_BLOB_NAME string = packageBlobName

@description('Application Insights component name.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName

@description('Log Analytics workspace name.')
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.workspaceName

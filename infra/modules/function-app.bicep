// The Functions app (isolated worker, .NET 10) and its plan.
// FlexConsumption: public cloud. ElasticPremium: clouds without Flex (Azure China), run from a package URL
// in blob storage read with the managed identity, so no Azure Files share and no storage key is needed.
// Every app setting the app reads is set here (the Infra tests compare them with the app's options classes).
import { tagMap, templateIdMap } from 'types.bicep'

@description('Name of the App Service plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagMap

@description('azd service name; the function app is tagged azd-service-name so `azd deploy` finds it.')
param azdServiceName string

@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
@description('Hosting plan kind.')
param hostingPlan string

@allowed([
  'EP1'
  'EP2'
  'EP3'
])
@description('Elastic Premium size (ElasticPremium only).')
param elasticPremiumSku string

@minValue(1)
@maxValue(100)
@description('Maximum burst instances (ElasticPremium only).')
param elasticPremiumMaximumWorkers int

@minValue(40)
@maxValue(1000)
@description('Maximum instances (FlexConsumption only).')
param flexMaximumInstanceCount int

@allowed([
  512
  2048
  4096
])
@description('Instance memory in MB (FlexConsumption only).')
param flexInstanceMemoryMB int

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Name of the storage account (AzureWebJobsStorage and deployment package).')
param storageAccountName string

@description('Container holding deployment packages.')
param deploymentContainerName string

@description('Package blob the ElasticPremium app runs from (WEBSITE_RUN_FROM_PACKAGE).')
param packageBlobName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Send telemetry with Entra ID (the component has local auth disabled).')
param entraOnlyIngestion bool

@description('Name of the Key Vault holding the secrets referenced by app settings.')
param keyVaultName string

@description('Cosmos DB documentEndpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('WeChat mini-program AppID (not a secret).')
param weChatAppId string

@description('WeChat message push encryption mode.')
param weChatPushMode string

@description('miniprogram_state for subscribe messages.')
param weChatMiniProgramState string

@description('WeChat server API base address.')
param weChatBaseAddress string

@description('Audience of the tokens the app issues.')
param authAudience string

@description('Lifetime of the tokens the app issues (TimeSpan).')
param authTokenLifetime string

@description('WeChat subscribe-message template ids by template key.')
param subscribeTemplateIds templateIdMap

@description('Template keys sent as long-term subscriptions (only for mini-programs in a category WeChat allows them for, e.g. 政务民生).')
param longTermSubscribeTemplates string[] = []

@description('Names of the Key Vault secrets referenced by app settings.')
param secretNames {
  weChatAppSecret: string
  weChatPushToken: string
  weChatEncodingAesKey: string
  tokenSigningKey: string
  dataProtectionKey: string
}

var isFlex = hostingPlan == 'FlexConsumption'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: elasticPremiumSku
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : elasticPremiumMaximumWorkers
  }
}

var deploymentContainerUrl = '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityId
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: flexMaximumInstanceCount
            instanceMemoryMB: flexInstanceMemoryMB
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      use32BitWorkerProcess: false
    }
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Key Vault reference resolved by the platform with keyVaultReferenceIdentity (no suffix, no version:
// the latest version is picked up on restart or within 24 hours).
var kvRefPrefix = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

// Host settings: keyless AzureWebJobsStorage and telemetry.
var hostAppSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
}

// Settings read by the app's options classes (Section__Property).
var appAppSettings = {
  ManagedIdentity__ClientId: identityClientId
  Cosmos__Endpoint: cosmosEndpoint
  Cosmos__DatabaseName: cosmosDatabaseName
  WeChat__AppId: weChatAppId
  WeChat__AppSecret: '${kvRefPrefix}${secretNames.weChatAppSecret})'
  WeChat__Token: '${kvRefPrefix}${secretNames.weChatPushToken})'
  WeChat__EncodingAesKey: '${kvRefPrefix}${secretNames.weChatEncodingAesKey})'
  WeChat__PushMode: weChatPushMode
  WeChat__MiniProgramState: weChatMiniProgramState
  WeChat__BaseAddress: weChatBaseAddress
  // HTTP timeouts and the push replay window (TimeSpan, same values as WeChatClientOptions' defaults).
  WeChat__AttemptTimeout: '00:00:10'
  // WeChat's documented backup host, tried when api.weixin.qq.com cannot be reached (docs/wechat-configuration.md).
  WeChat__BackupAddresses__0: 'https://api2.weixin.qq.com'
  WeChat__FailoverStickiness: '00:05:00'
  WeChat__TotalTimeout: '00:00:30'
  WeChat__PushTimestampTolerance: '00:05:00'
  Auth__Issuer: 'https://${site.properties.defaultHostName}'
  Auth__Audience: authAudience
  Auth__TokenLifetime: authTokenLifetime
  Auth__SigningKey: '${kvRefPrefix}${secretNames.tokenSigningKey})'
  Auth__DataProtectionKey: '${kvRefPrefix}${secretNames.dataProtectionKey})'
  // 青年信箱 handling rules (LettersOptions): deadlines like a 12345 hotline, and the per-resident daily limit.
  Letters__AcceptDeadline: '1.00:00:00'
  Letters__ReplyDeadline: '7.00:00:00'
  Letters__AutoCloseAfter: '7.00:00:00'
  Letters__DailyLimit: '5'
  // 妇女议事 rules (TopicsOptions): seconds needed within the window, the decision quorum, how long ratings stay open.
  Topics__SecondThreshold: '10'
  Topics__SecondWindow: '14.00:00:00'
  Topics__Quorum: '5'
  Topics__EvaluationWindow: '30.00:00:00'
  // 青年点单 rules (OrdersOptions): how long an offered order waits for a team, the rating window, the daily limit.
  Orders__TakeTimeout: '1.00:00:00'
  Orders__RatingWindow: '7.00:00:00'
  Orders__DailyLimit: '3'
  // Activities (ActivitiesOptions): how long an offered seat waits for confirmation, the reminder lead, the sign-up race
  // bound, the longest waiting list of a session.
  Activities__OfferTimeout: '12:00:00'
  Activities__ReminderLead: '1.00:00:00'
  Activities__SignUpAttempts: '100'
  Activities__MaxWaiting: '200'
  // Volunteer hours (HoursOptions, decision 0016): half-hour steps rounded down, credited when attendance covers at
  // least half the session; a session's check-in code opens 30 min before its start and checks out until 30 min after its end.
  Hours__Step: '00:30:00'
  Hours__Rounding: 'Down'
  Hours__MinimumAttendance: '0.5'
  Hours__CheckInOpensBefore: '00:30:00'
  Hours__CheckOutGrace: '00:30:00'
  // Notification delivery (NotificationsOptions). Long-term subscribe templates, where the mini-program's category
  // allows them, are added as Notifications__LongTermTemplates__0, __1… by the operator.
  Notifications__BroadcastDailyLimitPerOrg: '3'
  Notifications__FanOutParallelism: '32'
  Notifications__BroadcastPageSize: '1000'
  Notifications__MaxSendAttempts: '6'
  Notifications__RetryBaseDelay: '00:00:30'
  Notifications__InboxRetention: '180.00:00:00'
  Notifications__DeliveryRetention: '30.00:00:00'
}

// WeChat__Templates__<key> for each subscribe-message template.
var templateAppSettings = toObject(
  items(subscribeTemplateIds),
  template => 'WeChat__Templates__${template.key}',
  template => template.value
)

// Notifications__LongTermTemplates__<n> for each long-term template key.
var longTermTemplateAppSettings = toObject(
  range(0, length(longTermSubscribeTemplates)),
  index => 'Notifications__LongTermTemplates__${index}',
  index => longTermSubscribeTemplates[index]
)

// Flex Consumption rejects FUNCTIONS_* and WEBSITE_RUN_FROM_PACKAGE (runtime and package come from
// functionAppConfig); Elastic Premium needs them.
var elasticPremiumAppSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '${deploymentContainerUrl}/${packageBlobName}'
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
    }

// Entra-only ingestion: the component has local auth disabled, so telemetry must carry a token.
var entraIngestionAppSettings = entraOnlyIngestion
  ? {
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
    }
  : {}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
    hostAppSettings,
    appAppSettings,
    templateAppSettings,
    longTermTemplateAppSettings,
    elasticPremiumAppSettings,
    entraIngestionAppSettings
  )
}

@description('Name of the function app.')
output name string = site.name

@description('Default host name of the function app (no scheme).')
output defaultHostName string = site.properties.defaultHostName

@description('Name of the plan.')
output planName string = plan.name

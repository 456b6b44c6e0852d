// Production in the public Azure cloud: Flex Consumption, Entra-only telemetry ingestion.
//   az cloud set --name AzureCloud
//   az deployment sub create --location eastasia --parameters infra/params/public-production.bicepparam
// Replace the placeholders below (AppID, e-mail) with your own before deploying.
using '../main.bicep'

param environmentName = 'gtdz-prod'

// Flex Consumption is offered in a subset of regions: check `az functionapp list-flexconsumption-locations`.
param location = 'eastasia'

param hostingPlan = 'FlexConsumption'
param flexMaximumInstanceCount = 100
param flexInstanceMemoryMB = 2048

// The mini-program's AppID (public). The AppSecret, push Token and EncodingAESKey go to Key Vault.
param weChatAppId = 'wx0000000000000000'
param weChatPushMode = 'Safe'
param weChatMiniProgramState = 'formal'

// Template ids from the WeChat console (订阅消息), by the app's template key, e.g. { letterReplied: '<id>' }.
param subscribeTemplateIds = {}

// Who may set Key Vault secrets and read Cosmos data: the deploying user's object id
// (`az ad signed-in-user show --query id -o tsv`).
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = 'User'

param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')
param keyVaultPurgeProtection = true

// A year of telemetry for the yearly figures in the workbook.
param logRetentionInDays = 365

param tags = {
  workload: 'gongtongdizao'
  environment: 'production'
}

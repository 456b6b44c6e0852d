// Production in Azure China (21Vianet): Flex Consumption is not offered there, so Elastic Premium;
// App Insights keeps the instrumentation-key ingestion (Entra-only ingestion is public-cloud only here).
//   az cloud set --name AzureChinaCloud && az login
//   az deployment sub create --location chinanorth3 --parameters infra/params/china-production.bicepparam
//   then upload the package: infra/scripts/deploy-package.sh (docs/deploy.md)
// Replace the placeholders below (AppID, e-mail) with your own before deploying.
using '../main.bicep'

param environmentName = 'gtdz-prod-cn'
param location = 'chinanorth3'

param hostingPlan = 'ElasticPremium'
param elasticPremiumSku = 'EP1'
param elasticPremiumMaximumWorkers = 20

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

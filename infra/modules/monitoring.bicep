// Log Analytics workspace and workspace-based Application Insights.
import { builtInRoles, tagMap } from 'types.bicep'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagMap

@description('Accept only Entra-authenticated telemetry (local auth disabled). Only where the cloud supports it.')
param entraOnlyIngestion bool

@minValue(30)
@maxValue(730)
@description('Days to keep logs in the workspace.')
param retentionInDays int = 90

@description('Name of the app\'s user-assigned identity (same resource group) that publishes telemetry; granted Monitoring Metrics Publisher when entraOnlyIngestion.')
param telemetryPublisherIdentityName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: entraOnlyIngestion
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource telemetryPublisherIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: telemetryPublisherIdentityName
}

// Entra ingestion needs Monitoring Metrics Publisher on the component for the identity that sends.
resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (entraOnlyIngestion) {
  name: guid(appInsights.id, telemetryPublisherIdentity.id, builtInRoles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: telemetryPublisherIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      builtInRoles.monitoringMetricsPublisher
    )
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id

@description('Name of the Log Analytics workspace.')
output workspaceName string = workspace.name

@description('Resource id of the Application Insights component.')
output appInsightsId string = appInsights.id

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name

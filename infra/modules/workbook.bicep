// Azure Monitor workbook for administrators: letters by status, the three rates, deliberations held,
// deeds done and notification delivery outcomes, from the customEvents the app emits (docs/deploy.md).
import { tagMap } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to the workbook.')
param tags tagMap

@description('Name of the Application Insights component (in this resource group) the workbook queries.')
param appInsightsName string

@description('Display name shown in the portal.')
param displayName string = '共同缔造 运营看板 (GongTongDizao operations)'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, appInsightsName, 'gongtongdizao-admin-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsights.id
    version: 'Notebook/1.0'
    serializedData: replace(loadTextContent('../workbooks/admin.workbook.json'), '__APP_INSIGHTS_ID__', appInsights.id)
  }
}

@description('Resource id of the workbook.')
output id string = workbook.id

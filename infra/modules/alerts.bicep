// Log alerts on the Log Analytics workspace (workspace-based App Insights tables and storage queue logs),
// and an optional e-mail action group.
import { tagMap } from 'types.bicep'

@description('Azure region of the alert rules.')
param location string

@description('Tags applied to every resource.')
param tags tagMap

@description('Resource id of the Log Analytics workspace the alert queries run on.')
param workspaceId string

@description('Suffix for the alert rule names.')
param nameSuffix string

@description('E-mail address that receives alerts; empty creates no action group (alerts still show in the portal).')
param alertEmail string

@description('Poison queues to watch (e.g. events-poison).')
param poisonQueueNames string[]

@minValue(1)
@maxValue(100)
@description('HTTP 5xx alert: percentage of failed requests that fires the alert.')
param http5xxPercentThreshold int = 5

@minValue(1)
@description('HTTP 5xx alert: minimum requests in the window before the rate is judged.')
param http5xxMinimumRequests int = 20

@minValue(1)
@description('WeChat alert: failed sends in the window that fire the alert.')
param weChatSendFailureThreshold int = 5

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${nameSuffix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'gtdz-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroupIds = empty(alertEmail) ? [] : [actionGroup.id]

var poisonQueueList = join(map(poisonQueueNames, queue => '\'${queue}\''), ', ')

// A message lands in <queue>-poison after maxDequeueCount failed attempts. Both the storage queue write
// log and the Functions host trace see it; isfuzzy tolerates a table that has no rows yet.
var poisonQuery = '''
let poisonQueues = dynamic([__QUEUES__]);
union isfuzzy=true
  (StorageQueueLogs
    | where OperationName == "PutMessage"
    | extend Queue = extract(@"^https?://[^/]+/([^/?]+)", 1, Uri)),
  (AppTraces
    | where Message has "poison"
    | extend Queue = extract(@"[Mm]oving message to queue '([^']+)'", 1, Message))
| where Queue in (poisonQueues)
| summarize Messages = count() by Queue
'''

var http5xxQuery = '''
AppRequests
| summarize Total = count(), Failed = countif(toint(ResultCode) >= 500)
| where Total >= __MIN_REQUESTS__
| extend FailedPercent = round(100.0 * Failed / Total, 1)
| where FailedPercent >= __PERCENT__
'''

var weChatQuery = '''
union isfuzzy=true
  (AppEvents | where Name == "WeChatSendFailed" | summarize Failures = count()),
  (AppMetrics | where Name == "wechat.send.failed" | summarize Failures = toint(sum(Sum)))
| summarize Failures = sum(Failures)
| where Failures >= __THRESHOLD__
'''

var rules = [
  {
    name: 'alert-poison-queues-${nameSuffix}'
    displayName: 'Poison queue messages'
    description: 'A queue message failed every retry and was moved to a poison queue (${join(poisonQueueNames, ', ')}). Inspect it, fix the cause, then replay or delete it.'
    severity: 1
    query: replace(poisonQuery, '__QUEUES__', poisonQueueList)
    windowSize: 'PT1H'
    dimensions: [
      {
        name: 'Queue'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
  }
  {
    name: 'alert-http-5xx-${nameSuffix}'
    displayName: 'HTTP 5xx rate'
    description: 'At least ${http5xxPercentThreshold}% of HTTP requests failed with a 5xx status in 15 minutes.'
    severity: 1
    query: replace(
      replace(http5xxQuery, '__MIN_REQUESTS__', string(http5xxMinimumRequests)),
      '__PERCENT__',
      string(http5xxPercentThreshold)
    )
    windowSize: 'PT15M'
    dimensions: []
  }
  {
    name: 'alert-wechat-send-failed-${nameSuffix}'
    displayName: 'WeChat send failures'
    description: 'At least ${weChatSendFailureThreshold} WeChat subscribe-message sends failed in 15 minutes (event WeChatSendFailed or metric wechat.send.failed).'
    severity: 2
    query: replace(weChatQuery, '__THRESHOLD__', string(weChatSendFailureThreshold))
    windowSize: 'PT15M'
    dimensions: []
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for rule in rules: {
    name: rule.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        workspaceId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: rule.windowSize
      // The tables may have no rows (and so no schema) right after the first deployment.
      skipQueryValidation: true
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            dimensions: rule.dimensions
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: actionGroupIds
      }
    }
  }
]

@description('Names of the alert rules.')
output alertRuleNames string[] = [for (rule, i) in rules: logAlerts[i].name]

// Liaison in production, in one resource group: the bot's web app (App Service, Linux, Node 22), its Azure Bot
// registration with the Teams channel, PostgreSQL flexible server, Key Vault for the secrets, Application Insights
// and Log Analytics. Steps, parameters and outputs are documented in README.md next to this file.
//
//   az deployment group create --resource-group <rg> --template-file main.bicep --parameters main.bicepparam

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------

@description('Azure region of every resource except the bot registration, which is global.')
param location string = resourceGroup().location

@description('Short prefix of every resource name (lowercase letters, digits and dashes).')
@minLength(2)
@maxLength(12)
param namePrefix string = 'liaison'

@description('Tags set on every resource.')
param tags object = {
  application: 'liaison'
}

@description('Application (client) id of the Entra app registration used by the bot and by the tab SSO.')
param microsoftAppId string

@description('Tenant id of the Entra app registration (single-tenant bot). Defaults to the tenant of this deployment.')
param microsoftAppTenantId string = tenant().tenantId

@description('Client secret of the Entra app registration; stored in Key Vault, never in the web app settings.')
@secure()
param microsoftAppPassword string

@description('HR_ADMINS: Entra object ids, comma-separated (objectId, or tenantId:objectId), of the HR administrators of the company in this tenant. Empty: NOBODY is HR — name at least one person here (e.g. az ad signed-in-user show --query id -o tsv) or later with az webapp config appsettings set --settings HR_ADMINS=<id>; they can then name other HR in the HR tab.')
param hrAdmins string = ''

@description('SMTP_URL for the SPST notice by email (smtp://user:password@host:587 or smtps://…); stored in Key Vault. Empty: the notice goes out in Teams only.')
@secure()
param smtpUrl string = ''

@description('SMTP_FROM, the sender of those emails, e.g. Liaison <liaison@contoso.com>; required with smtpUrl.')
param smtpFrom string = ''

@description('Custom host name that serves the bot (e.g. liaison.contoso.com), if one is mapped to the web app. Empty: the web app default host name <webAppName>.azurewebsites.net.')
param customDomain string = ''

@description('Name of the web app; also the default host name <webAppName>.azurewebsites.net, globally unique.')
@maxLength(60)
param webAppName string = '${namePrefix}-${uniqueString(resourceGroup().id)}'

@description('Name of the App Service plan.')
param appServicePlanName string = '${namePrefix}-plan'

@description('App Service plan SKU: B1 for a pilot, P0v3 or P1v3 for production (B1 and above keep the bot always on).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSkuName string = 'B1'

@description('Node.js runtime of the web app (linuxFxVersion NODE|<version>): Node 22, the line package.json engines, CI and the README require (restify 12 needs 22; Node 20 left upstream support in April 2026).')
@allowed([
  '22-lts'
])
param nodeVersion string = '22-lts'

@description('Name of the Azure Bot resource.')
param botName string = '${namePrefix}-bot-${uniqueString(resourceGroup().id)}'

@description('Display name of the bot in the Azure portal.')
param botDisplayName string = 'Liaison'

@description('Azure Bot SKU: F0 (free, enough for the Teams channel, a standard channel) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSkuName string = 'F0'

@description('Name of the PostgreSQL flexible server; globally unique.')
param postgresServerName string = '${namePrefix}-pg-${uniqueString(resourceGroup().id)}'

@description('PostgreSQL administrator login (not azure_superuser, admin, administrator, root, guest or public).')
param postgresAdminLogin string = 'liaisonadmin'

@description('PostgreSQL administrator password (12 to 128 characters, three of: upper case, lower case, digits, symbols); stored in Key Vault inside DATABASE_URL.')
@secure()
@minLength(12)
param postgresAdminPassword string

@description('Name of the application database.')
param postgresDatabaseName string = 'liaison'

@description('PostgreSQL reachable only from the virtual network (VNet integration of the web app, a delegated subnet and a private DNS zone): true by default. false: public access limited by the "allow Azure services" firewall rule (any Azure customer\'s resources — not recommended).')
param postgresPrivateAccess bool = true

@description('Name of the virtual network of the web app and PostgreSQL.')
param vnetName string = '${namePrefix}-vnet'

@description('Address space of the virtual network.')
param vnetAddressPrefix string = '10.42.0.0/16'

@description('Subnet delegated to App Service for the web app\'s VNet integration (a /27 at least).')
param appSubnetPrefix string = '10.42.1.0/24'

@description('Subnet delegated to the PostgreSQL flexible server (private access).')
param postgresSubnetPrefix string = '10.42.2.0/24'

@description('PostgreSQL major version.')
@allowed([
  '15'
  '16'
  '17'
])
param postgresVersion string = '16'

@description('PostgreSQL compute SKU, e.g. Standard_B1ms (Burstable) for a pilot, Standard_D2ds_v5 (GeneralPurpose) for production.')
param postgresSkuName string = 'Standard_B1ms'

@description('PostgreSQL tier; must match postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL storage in GB.')
@allowed([
  32
  64
  128
  256
  512
])
param postgresStorageSizeGB int = 32

@description('Days of PostgreSQL point-in-time backups (7 to 35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('Name of the Key Vault (3 to 24 characters); globally unique.')
@maxLength(24)
param keyVaultName string = 'kv-${uniqueString(resourceGroup().id)}'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string = '${namePrefix}-logs'

@description('Days Log Analytics keeps the logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Name of the Application Insights component.')
param appInsightsName string = '${namePrefix}-insights'

// ---------------------------------------------------------------------------------------------------------------
// Derived values
// ---------------------------------------------------------------------------------------------------------------

var publicDomain = empty(customDomain) ? '${webAppName}.azurewebsites.net' : customDomain
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------------------------
// Monitoring: Log Analytics (logs of every resource) and Application Insights (the web app's telemetry)
// ---------------------------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: false
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Key Vault (RBAC) and the bot's secrets
// ---------------------------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
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
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'microsoft-app-password'
  properties: {
    value: microsoftAppPassword
    contentType: 'Entra client secret of the bot (MicrosoftAppPassword)'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  // The bot connects as soon as it starts: the database (and, with public access, its firewall rule) must exist.
  dependsOn: [
    postgresDatabase
    postgresAllowAzure
  ]
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabaseName}?sslmode=require'
    contentType: 'PostgreSQL connection string of the bot (DATABASE_URL)'
  }
}

resource smtpUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpUrl)) {
  parent: keyVault
  name: 'smtp-url'
  properties: {
    value: smtpUrl
    contentType: 'SMTP server of the SPST emails, with its credentials (SMTP_URL)'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Network: a virtual network with one subnet delegated to the web app (VNet integration) and one to PostgreSQL,
// and the private DNS zone through which the web app resolves the server's private address.
// ---------------------------------------------------------------------------------------------------------------

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: postgresSubnetPrefix
          delegations: [
            {
              name: 'postgres-flexible-server'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  }
}

var appSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'app')
var postgresSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'postgres')

resource postgresDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (postgresPrivateAccess) {
  name: '${postgresServerName}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (postgresPrivateAccess) {
  parent: postgresDnsZone
  name: '${vnetName}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL flexible server and the database: private access (delegated subnet, private DNS zone) by default;
// public access with the "allow Azure services" firewall rule only when postgresPrivateAccess is false.
// ---------------------------------------------------------------------------------------------------------------

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: postgresPrivateAccess
      ? {
          delegatedSubnetResourceId: postgresSubnetId
          privateDnsZoneArmResourceId: postgresDnsZone.id
          publicNetworkAccess: 'Disabled'
        }
      : {
          publicNetworkAccess: 'Enabled'
        }
  }
  // The zone must be linked to the network before the server is created in it.
  dependsOn: [
    postgresDnsLink
    vnet
  ]
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Public access only (postgresPrivateAccess false): 0.0.0.0–0.0.0.0 is Azure's convention for "allow Azure
// services" — every Azure customer's resources, not only this web app. Private access needs no rule.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (!postgresPrivateAccess) {
  parent: postgres
  // One change at a time on a flexible server: concurrent child operations fail with ServerBusy.
  dependsOn: [
    postgresDatabase
  ]
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// App Service: Linux plan and the web app running `npm start` on Node 22, integrated in the virtual network
// ---------------------------------------------------------------------------------------------------------------

resource appServicePlan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: appServicePlanName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSkuName
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  dependsOn: [
    vnet
  ]
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    // Outbound traffic through the virtual network: PostgreSQL's private address and private DNS zone.
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      vnetRouteAllEnabled: true
      linuxFxVersion: 'NODE|${nodeVersion}'
      appCommandLine: 'npm start'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
    }
  }
}

// The web app's identity may read the secrets (and nothing else) of this vault.
resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The settings of bot/platform/config.ts; the secrets are Key Vault references, resolved by App Service at start.
var baseAppSettings = {
  MicrosoftAppId: microsoftAppId
  MicrosoftAppType: 'SingleTenant'
  MicrosoftAppTenantId: microsoftAppTenantId
  MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${appPasswordSecret.properties.secretUri})'
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
  HR_ADMINS: hrAdmins
  PUBLIC_DOMAIN: publicDomain
  LOG_LEVEL: 'info'
  // Oryx runs `npm install` and `npm run build` when code is deployed; `npm start` then serves dist/.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
}

// SMTP only when configured: bot/platform/config.ts wants SMTP_URL and SMTP_FROM together or not at all.
var smtpAppSettings = empty(smtpUrl) ? {} : {
  SMTP_URL: '@Microsoft.KeyVault(SecretUri=${smtpUrlSecret.properties.secretUri})'
  SMTP_FROM: smtpFrom
}

// Written once the role assignment exists, so that the references resolve at the first start.
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [
    webAppReadsSecrets
  ]
  properties: union(baseAppSettings, smtpAppSettings)
}

// The bot's logs (pino, on stdout), HTTP logs and platform events go to Log Analytics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: webApp
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: keyVault
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Azure Bot: single-tenant registration of the Entra app, messaging endpoint on the web app, Teams channel
// ---------------------------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSkuName
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${publicDomain}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: microsoftAppTenantId
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (no secret among them)
// ---------------------------------------------------------------------------------------------------------------

@description('Name of the web app, for `az webapp deploy`.')
output webAppName string = webApp.name

@description('Host name to give `npm run package` as PUBLIC_DOMAIN.')
output publicDomain string = publicDomain

@description('Messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('Name of the Azure Bot resource.')
output botName string = bot.name

@description('Name of the Key Vault holding microsoft-app-password and database-url.')
output keyVaultName string = keyVault.name

@description('Host name of the PostgreSQL flexible server.')
output postgresHost string = postgres.properties.fullyQualifiedDomainName

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name

#!/usr/bin/env bash
# Deploys the Functions app to an Elastic Premium plan (Azure China), which runs from a package blob
# read with the app's managed identity (WEBSITE_RUN_FROM_PACKAGE = <deployment container>/<blob>).
# `azd deploy` cannot do this (zip deploy is refused while the package setting is a URL).
#
# Needs: az (logged in to the right cloud: `az cloud set --name AzureChinaCloud && az login`), dotnet, zip,
# and Storage Blob Data Contributor on the storage account (main.bicep grants it to principalId).
# Values come from the environment, or from the azd environment when azd is installed:
#   AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_STORAGE_ACCOUNT_NAME
#   AZURE_DEPLOYMENT_CONTAINER_NAME AZURE_PACKAGE_BLOB_NAME   (all outputs of main.bicep)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [[ -z "${AZURE_FUNCTION_APP_NAME:-}" ]] && command -v azd >/dev/null 2>&1; then
  while IFS='=' read -r key value; do
    value="${value%\"}"; value="${value#\"}"
    case "$key" in
      AZURE_RESOURCE_GROUP|AZURE_FUNCTION_APP_NAME|AZURE_STORAGE_ACCOUNT_NAME|AZURE_DEPLOYMENT_CONTAINER_NAME|AZURE_PACKAGE_BLOB_NAME)
        export "$key=$value" ;;
    esac
  done < <(azd env get-values)
fi

: "${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP (output of main.bicep)}"
: "${AZURE_FUNCTION_APP_NAME:?set AZURE_FUNCTION_APP_NAME (output of main.bicep)}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?set AZURE_STORAGE_ACCOUNT_NAME (output of main.bicep)}"
container="${AZURE_DEPLOYMENT_CONTAINER_NAME:-deployment-package}"
blob="${AZURE_PACKAGE_BLOB_NAME:-api.zip}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Publishing the Functions app..."
dotnet publish "$repo_root/functions/GongTongDizao.Functions" -c Release -o "$work/publish"
(cd "$work/publish" && zip -qr "$work/$blob" .)

echo "Uploading $blob to $AZURE_STORAGE_ACCOUNT_NAME/$container (Entra ID auth, no account key)..."
az storage blob upload --auth-mode login --overwrite \
  --account-name "$AZURE_STORAGE_ACCOUNT_NAME" --container-name "$container" \
  --name "$blob" --file "$work/$blob" --output none

echo "Restarting $AZURE_FUNCTION_APP_NAME and syncing triggers..."
az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME"
app_id="$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --query id --output tsv)"
# A URL without a host is prefixed with the current cloud's Resource Manager endpoint.
az rest --method post --url "${app_id}/syncfunctiontriggers?api-version=2024-04-01" --output none
echo "Done."

/**
 * ARM returns a resource's `location` in display form ("East US") while metrics and the batch host use the region
 * name ("eastus"). The common public regions; anything else falls back to the name itself.
 */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  eastus: 'East US',
  eastus2: 'East US 2',
  centralus: 'Central US',
  northcentralus: 'North Central US',
  southcentralus: 'South Central US',
  westcentralus: 'West Central US',
  westus: 'West US',
  westus2: 'West US 2',
  westus3: 'West US 3',
  canadacentral: 'Canada Central',
  canadaeast: 'Canada East',
  brazilsouth: 'Brazil South',
  northeurope: 'North Europe',
  westeurope: 'West Europe',
  uksouth: 'UK South',
  ukwest: 'UK West',
  francecentral: 'France Central',
  germanywestcentral: 'Germany West Central',
  switzerlandnorth: 'Switzerland North',
  norwayeast: 'Norway East',
  swedencentral: 'Sweden Central',
  italynorth: 'Italy North',
  polandcentral: 'Poland Central',
  southeastasia: 'Southeast Asia',
  eastasia: 'East Asia',
  japaneast: 'Japan East',
  japanwest: 'Japan West',
  koreacentral: 'Korea Central',
  centralindia: 'Central India',
  southindia: 'South India',
  australiaeast: 'Australia East',
  australiasoutheast: 'Australia Southeast',
  uaenorth: 'UAE North',
  southafricanorth: 'South Africa North',
};

export function regionDisplayName(region: string): string {
  return DISPLAY_NAMES[region.toLowerCase()] ?? region;
}

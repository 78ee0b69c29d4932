const NAMES: Record<string, string> = {
  eastus: 'East US',
  eastus2: 'East US 2',
  westus: 'West US',
  westus2: 'West US 2',
  centralus: 'Central US',
  northeurope: 'North Europe',
  westeurope: 'West Europe',
  uksouth: 'UK South',
  southeastasia: 'Southeast Asia',
  eastasia: 'East Asia',
  australiaeast: 'Australia East',
  japaneast: 'Japan East',
};

/** "eastus" → "East US" for cards; unknown regions are shown as Azure names them. */
export function regionLabel(region: string): string {
  return NAMES[region] ?? region;
}

import { describeAzureLayerContract } from './azure-layer-contract';
import { sandboxWorld } from './worlds';

describeAzureLayerContract('the sandbox, given the tenant of the examples', sandboxWorld);

/**
 * ARM-style errors. Handlers throw an ArmError; the server turns it into the ARM ErrorResponse body
 * `{"error":{"code","message"}}` that the Azure SDKs deserialize into RestError.code / .message.
 */
export class ArmError extends Error {
  /** ARM's optional `error.details` (Resource Graph puts the reason a query failed there). */
  details?: { code: string; message: string }[];

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }
}

export interface ArmErrorBody {
  error: { code: string; message: string; details?: { code: string; message: string }[] };
}

export function armErrorBody(
  code: string,
  message: string,
  details?: { code: string; message: string }[],
): ArmErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

export function badRequest(message: string, code = 'BadRequest'): ArmError {
  return new ArmError(400, code, message);
}

export function subscriptionNotFound(subscriptionId: string): ArmError {
  return new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

export function resourceGroupNotFound(resourceGroup: string): ArmError {
  return new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
}

/** `type` is the full resource type, e.g. "Microsoft.ApiManagement/service". */
export function resourceNotFound(type: string, name: string, resourceGroup?: string): ArmError {
  const where = resourceGroup === undefined ? '' : ` under resource group '${resourceGroup}'`;
  return new ArmError(404, 'ResourceNotFound', `The Resource '${type}/${name}'${where} was not found.`);
}

/** The error code ARM uses for a throttled request, and a matching message. */
export function throttledError(retryAfterSeconds: number): ArmError {
  return new ArmError(
    429,
    'SubscriptionRequestsThrottled',
    `Number of requests for subscription exceeded the limit. Please try again after '${retryAfterSeconds}' seconds.`,
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/** A conventional ARM code for an arbitrary status, used by scenario faults that give no code of their own. */
export function defaultCodeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'BadRequest',
    401: 'AuthenticationFailed',
    403: 'AuthorizationFailed',
    404: 'NotFound',
    409: 'Conflict',
    429: 'SubscriptionRequestsThrottled',
    500: 'InternalServerError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
  };
  return codes[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequest');
}

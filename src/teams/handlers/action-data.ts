import { AppError } from '../../errors/app-error';

export type ActionData = Record<string, unknown>;

const forged = (): AppError =>
  new AppError(
    'forged_action',
    'That button sent data I did not expect, so I ignored it. Ask me again to get a fresh card.',
  );

/** A short string field from Action.Execute data; anything else is treated as a forged or corrupted card. */
export function stringField(data: ActionData, name: string): string {
  const value = data[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw forged();
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function approvalIdField(data: ActionData): string {
  const id = stringField(data, 'approvalId');
  if (!UUID.test(id)) throw forged();
  return id.toLowerCase();
}

import { ConfigError, loadConfig } from '../../src/config/config';

describe('reliability settings', () => {
  test('defaults: 40 s leases, 400 days of audit, 93 days of alert history', () => {
    expect(loadConfig({}, '/tmp').reliability).toEqual({
      leaseSeconds: 40,
      auditRetentionDays: 400,
      alertRetentionDays: 93,
    });
  });

  test('an alert retention shorter than two months is refused: a level could fire again in its month', () => {
    expect(() => loadConfig({ ALERT_RETENTION_DAYS: '30', LEASE_SECONDS: '0' }, '/tmp')).toThrow(ConfigError);
    try {
      loadConfig({ ALERT_RETENTION_DAYS: '30', LEASE_SECONDS: '0' }, '/tmp');
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toContain('ALERT_RETENTION_DAYS');
      expect(text).toContain('LEASE_SECONDS');
    }
  });
});

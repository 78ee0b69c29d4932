import { parseCommand } from '../../src/teams/commands';
import { closestCommand } from '../../src/teams/suggest';

describe('commands people type', () => {
  test.each([
    ['estimate traffic', 'estimate'],
    ['  Estimate   TRAFFIC ', 'estimate'],
    ['compare plans', 'estimate'],
    ['recommend plan', 'estimate'],
    ['estimate traffic all', 'estimateAll'],
    ['Estimate  All', 'estimateAll'],
    ['help', 'help'],
    ['status', 'status'],
    ['enable plan P3', 'enablePlan'],
    ['onboard unhealthy APIs', 'onboard'],
    ['onboarded APIs', 'onboarded'],
    ['insights', 'onboarded'],
    ['alerts on', 'alertsOn'],
    ['alerts off', 'alertsOff'],
    ['alerts status', 'alertsStatus'],
    ['subscriptions', 'subscriptions'],
    ['use subscription Contoso Production', 'useSubscription'],
  ])('"%s" is the %s command', (text, name) => {
    expect(parseCommand(text)?.spec.name).toBe(name);
  });

  test('arguments keep their case and lose extra spaces', () => {
    expect(parseCommand('use   subscription   Contoso  Dev/Test')?.argument).toBe('Contoso Dev/Test');
    expect(parseCommand('enable plan Plan 3')?.argument).toBe('Plan 3');
  });

  test('text that is no command is not matched', () => {
    expect(parseCommand('what is the weather')).toBeUndefined();
    expect(parseCommand('estimate traffic please')).toBeUndefined();
  });
});

describe('did you mean', () => {
  test.each([
    ['estmate trafic', 'estimate traffic'],
    ['subscriptons', 'subscriptions'],
    ['halp', 'help'],
    ['onboard unhealty apis', 'onboard unhealthy APIs'],
  ])('"%s" suggests "%s"', (typed, suggestion) => {
    expect(closestCommand(typed)).toBe(suggestion);
  });

  test('unrelated text suggests nothing', () => {
    expect(closestCommand('what is the weather in Oslo')).toBeUndefined();
  });
});

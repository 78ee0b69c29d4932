import { readableDuration } from '../../src/domain/durations';

describe('trial time left as text', () => {
  test.each([
    ['P12D', '12 days'],
    ['P1D', '1 day'],
    ['P29DT23H59M59S', '29 days 23 hours'],
    ['PT5H30M', '5 hours 30 minutes'],
    ['PT90S', '90 seconds'],
    ['PT0S', 'none'],
    ['P0D', 'none'],
    ['P1W', '1 week'],
  ])('%s reads "%s"', (iso, text) => {
    expect(readableDuration(iso)).toBe(text);
  });

  test.each(['', 'P', 'P1DT', '12 days', 'garbage'])('"%s" is not a duration', (iso) => {
    expect(readableDuration(iso)).toBeUndefined();
  });
});

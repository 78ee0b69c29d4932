import { MAX_LOG_STRING } from '../../src/logging/logger';
import { recordingLogger } from '../helpers/log-lines';
import { closestCommand } from '../../src/teams/suggest';
import { quoted } from '../../src/util/text-limits';

describe('bounded work on unbounded input', () => {
  test('the typo suggestion over 1 MB of text looks at a short prefix only (no event-loop block)', () => {
    const huge = `estmate trafic ${'y'.repeat(1_000_000)}`;
    const started = performance.now();
    closestCommand(huge);
    // The whole-text edit distance takes seconds here; the prefix takes microseconds. 200 ms is a wide margin.
    expect(performance.now() - started).toBeLessThan(200);
    expect(closestCommand('estmate trafic')).toBe('estimate traffic');
  });

  test('quoted text is one line, cut with an ellipsis', () => {
    expect(quoted(`a\n\nb ${'c'.repeat(500)}`)).toMatch(/^a b c{75}…$/);
    expect(quoted('short')).toBe('short');
  });

  test('log fields are capped: long strings, long arrays, deep objects, error messages', () => {
    const { logger, lines } = recordingLogger('info');
    let deep: Record<string, unknown> = { f: 'deep' };
    for (let i = 0; i < 12; i++) deep = { next: deep };
    logger.info('x'.repeat(100_000), {
      text: 'y'.repeat(1_000_000),
      list: Array.from({ length: 10_000 }, (_, i) => i),
      deep,
      error: new Error('z'.repeat(1_000_000)),
    });
    const [entry] = lines as [Record<string, unknown>];
    expect(JSON.stringify(entry).length).toBeLessThan(6 * MAX_LOG_STRING);
    expect(entry.text).toMatch(/… \(1000000 chars\)$/);
    expect((entry.list as unknown[]).length).toBe(51);
    expect(JSON.stringify(entry.deep)).toContain('[cut]');
  });
});

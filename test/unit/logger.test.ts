import { RestError, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { AppError } from '../../src/errors/app-error';
import { runInTurn } from '../../src/observability/turn-scope';
import { recordingLogger } from '../helpers/log-lines';

const SECRET = 'S3cr3t-value-never-logged';

describe('logger: redaction of secrets at any depth', () => {
  test('secret keys are redacted at the top, one level down and deep inside objects and arrays', () => {
    const { logger, lines } = recordingLogger();
    logger.info('calling out', {
      password: SECRET,
      headers: { authorization: `Bearer ${SECRET}`, accept: 'application/json' },
      request: { options: { nested: [{ clientSecret: SECRET, accessToken: SECRET, BOT_PASSWORD: SECRET }] } },
      config: { storage: { connectionString: SECRET, container: 'state' } },
      kept: 'visible',
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(SECRET);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by the assertions
    const [line] = lines as [Record<string, any>];
    expect(line.password).toBe('[redacted]');
    expect(line.headers).toEqual({ authorization: '[redacted]', accept: 'application/json' });
    expect(line.request.options.nested[0]).toEqual({
      clientSecret: '[redacted]',
      accessToken: '[redacted]',
      BOT_PASSWORD: '[redacted]',
    });
    expect(line.config.storage).toEqual({ connectionString: '[redacted]', container: 'state' });
    expect(line.kept).toBe('visible');
  });

  test('secrets inside text are cut out: bearer tokens, account keys in connection strings, SAS signatures', () => {
    const { logger, lines } = recordingLogger();
    logger.warn(`header was Bearer ${SECRET}`, {
      detail: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${SECRET};EndpointSuffix=core.windows.net`,
      url: `https://acct.blob.core.windows.net/state?sv=2024&sig=${SECRET}&se=2026`,
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('AccountName=acct');
    expect(text).toContain('se=2026');
  });

  test('child bindings are redacted too, and the caller’s object is not changed', () => {
    const { logger, lines } = recordingLogger();
    const fields = { token: SECRET };
    logger.child({ component: 'alerts', auth: { password: SECRET } }).info('hello', fields);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    expect(lines[0]).toMatchObject({ component: 'alerts', message: 'hello', level: 'info' });
    expect(fields.token).toBe(SECRET);
  });
});

describe('logger: error records', () => {
  test("an Azure error keeps its code, statusCode, request id and cause, and drops its request's headers", () => {
    const { logger, lines } = recordingLogger();
    const request = createPipelineRequest({
      url: 'https://management.azure.com/subscriptions',
      headers: createHttpHeaders({ authorization: `Bearer ${SECRET}` }),
    });
    const rest = new RestError('Rate limit exceeded', { code: 'TooManyRequests', statusCode: 429, request });
    const error = new AppError('azure_throttled', 'Azure is busy.', { cause: rest, detail: 'list subscriptions: 429' });
    logger.error('turn failed', { error });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    const logged = (lines[0] as { error: Record<string, unknown> }).error;
    expect(logged).toMatchObject({ name: 'AppError', code: 'azure_throttled', message: 'list subscriptions: 429' });
    expect(logged).not.toHaveProperty('stack'); // an expected AppError; its cause keeps its stack
    expect(logged.cause).toMatchObject({
      name: 'RestError',
      code: 'TooManyRequests',
      statusCode: 429,
      requestId: request.requestId,
    });
  });
});

describe('logger: one correlation id per turn', () => {
  test('every line written during a turn carries its id, including child loggers; other turns get their own', async () => {
    const { logger, lines } = recordingLogger();
    const child = logger.child({ component: 'x' });
    const turn = async (): Promise<void> => {
      logger.info('first');
      await new Promise((resolve) => setImmediate(resolve));
      child.warn('second');
    };
    await Promise.all([runInTurn(turn), runInTurn(turn)]);
    logger.info('outside any turn');
    const inTurns = lines.slice(0, 4);
    const ids = new Set(inTurns.map((l) => l.correlationId));
    expect(inTurns.every((l) => typeof l.correlationId === 'string' && l.correlationId.length > 0)).toBe(true);
    expect(ids.size).toBe(2);
    expect(lines[4]).not.toHaveProperty('correlationId');
  });
});

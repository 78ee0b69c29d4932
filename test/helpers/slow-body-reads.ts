import * as responseBody from '../../src/azure/response-body';

/**
 * Makes every getBatch answer take `delayMs` longer to read (a bot busy elsewhere, or an answer still arriving), so
 * reads that a limit should keep apart would overlap, and counts how many ran at once. Undo with
 * jest.restoreAllMocks().
 */
export function slowBodyReads(delayMs: number): { mostAtOnce(): number } {
  let reading = 0;
  let most = 0;
  const read = responseBody.readBodyText;
  jest.spyOn(responseBody, 'readBodyText').mockImplementation(async (...args) => {
    most = Math.max(most, ++reading);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return await read(...args);
    } finally {
      reading -= 1;
    }
  });
  return { mostAtOnce: () => most };
}

/**
 * An answer body already serialized: the server sends its text as it is. For the large answers (getBatch), whose
 * data points are written as text directly rather than built as objects and then serialized (metric-body.ts).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The text of an answer body: a JsonText as it is, anything else through JSON.stringify. */
export function serialize(body: unknown): string {
  return body instanceof JsonText ? body.text : JSON.stringify(body);
}

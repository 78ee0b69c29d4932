/**
 * Everything the browser test knows about the Agents Playground's page and about what the cards must show, in one
 * place: when the Playground or a card's wording changes, adjust it here.
 */
export const UI = {
  /** The compose box (a Lexical editor) of the Playground 0.2.28. */
  composeBox: '[role=textbox][data-lexical-editor=true]',
  /** One rendered Adaptive Card. */
  card: '.ac-adaptiveCard',
  /** A drawn chart: the Playground 0.2.28 draws bars as `role="img"` elements labelled "<label>, <value>". */
  chartDrawing: '[role="img"][aria-label], svg, canvas',
};

export const ESTIMATE = {
  command: 'estimate traffic',
  /** The card is complete once these are rendered. */
  planNames: ['Plan 1', 'Plan 2', 'Plan 3', 'Plan 4', 'Plan 5'],
  /** The one-line answer names the plan to pick. */
  answer: /(cheapest|recommended)[^\n]*Plan [1-5]|Plan [1-5][^\n]*(cheapest|recommended)/i,
  sandboxMarker: 'Sandbox data',
  /** The estimate card draws daily Requests and the plans' cost (Teams charts, or their text fallback). */
  expectChart: true,
  /** The button that asks for the cheapest plan on the demo data (15.6M requests → Plan 2). */
  enableButton: /^Enable Plan 2$/,
};

export const STATUS = {
  command: 'status',
  answer: /of Plan 1's entitlement used/,
  /** The fallback's title, in case a Playground version stops drawing charts. */
  chartFallbackTitle: 'Requests this month against the entitlement',
  /** A fact that only the Details toggle shows. */
  detailOnly: 'Enabled since',
  /** The month-to-date bar, as the Playground labels it. */
  monthToDateBar: '[role="img"][aria-label^="Month to date"]',
};

export const APPROVAL = {
  pending: 'Waiting for approval',
  requestIdLabel: 'Request id',
  done: /Plan 2 is now active/,
  /**
   * An invoke from "Custom activity" carries no replyToId; the bot answers it itself (200) and logs no error while
   * updating the card.
   */
  expectNoBotErrors: true,
};

export const ONBOARDING = {
  command: 'onboard unhealthy APIs',
  answer: /\d+ APIs? to onboard to Defender for APIs/,
  /** The donut's slices as the Playground labels them, or the fallback's title. */
  chart: '[role="img"][aria-label], svg, :text("APIs by onboarding state")',
  cannotToggle: /^Cannot be onboarded \(\d+\)$/,
  cannotReason: 'Consumption tier',
};

export const INSIGHTS = {
  command: 'onboarded APIs',
  answer: /onboarded APIs?: \d+ of \d+ endpoints unauthenticated/,
  chart: '[role="img"][aria-label^="Unauthenticated"], :text("Endpoints at risk")',
};

import { assertValidAdaptiveCard, MAX_CARD_BYTES, validateAdaptiveCard } from '../helpers/validate-card';

/** A card shaped like the bot's plan comparison: facts, columns, a table, buttons and a per-user refresh. */
function realisticCard(): Record<string, unknown> & { body: Record<string, unknown>[] } {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    msteams: { width: 'Full' },
    refresh: {
      action: { type: 'Action.Execute', verb: 'approval.refresh', data: { approvalId: 'a-1' } },
      userIds: ['29:1a2b3c'],
    },
    body: [
      { type: 'TextBlock', text: 'Traffic estimate', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: 'Sandbox data', isSubtle: true, wrap: false, color: 'Attention' },
      {
        type: 'FactSet',
        facts: [
          { title: 'Requests (30 days)', value: '12,345,678' },
          { title: 'Recommended', value: 'Plan 2' },
        ],
      },
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: 'apim-contoso-eus', wrap: true }] },
          {
            type: 'Column',
            width: 'auto',
            items: [{ type: 'TextBlock', text: '120,000', horizontalAlignment: 'Right' }],
          },
        ],
      },
      {
        type: 'Table',
        firstRowAsHeader: true,
        showGridLines: true,
        columns: [{ width: 2 }, { width: 1 }],
        rows: [
          {
            type: 'TableRow',
            style: 'accent',
            cells: [
              { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Plan', weight: 'Bolder' }] },
              { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Monthly cost', weight: 'Bolder' }] },
            ],
          },
          {
            type: 'TableRow',
            cells: [
              { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Plan 1' }] },
              { type: 'TableCell', items: [{ type: 'TextBlock', text: '$200.00' }] },
            ],
          },
        ],
      },
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.Execute', title: 'Fix', verb: 'onboard.fix', data: { api: 'orders-api' } }],
      },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Enable Plan 2', verb: 'plan.enable', data: { plan: 'P2' }, style: 'positive' },
      {
        type: 'Action.OpenUrl',
        title: 'Pricing',
        url: 'https://azure.microsoft.com/pricing/details/defender-for-cloud/',
      },
    ],
  };
}

describe('validateAdaptiveCard', () => {
  it('accepts a realistic 1.5 card with facts, columns, a table, Action.Execute and a per-user refresh', () => {
    expect(validateAdaptiveCard(realisticCard())).toEqual([]);
    expect(() => assertValidAdaptiveCard(realisticCard())).not.toThrow();
  });

  it('rejects a card whose version is not exactly 1.5', () => {
    const problems = validateAdaptiveCard({ ...realisticCard(), version: '1.4' });
    expect(problems).toEqual([expect.stringContaining('version must be "1.5"')]);
  });

  it('rejects a card that is not an AdaptiveCard', () => {
    expect(validateAdaptiveCard({ ...realisticCard(), type: 'HeroCard' })).toContainEqual(
      expect.stringContaining('type must be "AdaptiveCard"'),
    );
    expect(validateAdaptiveCard('not a card')).toEqual(['card is not a JSON object']);
  });

  it('rejects a misspelled property such as "wrapp", naming where it is', () => {
    const card = realisticCard();
    card.body[0] = { type: 'TextBlock', text: 'Traffic estimate', wrapp: true };
    expect(validateAdaptiveCard(card)).toEqual([expect.stringMatching(/^body\[0\]\.wrapp: .*TextBlock.*unknown/)]);
  });

  it('rejects a misspelled property inside an object without a type (a fact)', () => {
    const card = realisticCard();
    card.body[2] = { type: 'FactSet', facts: [{ titel: 'Requests', value: '1' }] };
    expect(validateAdaptiveCard(card)).toContainEqual(expect.stringContaining('body[2].facts[0].titel'));
  });

  it('rejects an unknown element type', () => {
    const card = realisticCard();
    card.body.push({ type: 'TextBlok', text: 'typo in the type' });
    expect(validateAdaptiveCard(card)).toEqual([expect.stringContaining('Unknown element type "TextBlok"')]);
  });

  it('accepts an allowed Teams-only element that has a fallback, and still checks the fallback', () => {
    const card = realisticCard();
    card.body.push({ type: 'Chart.Line', fallback: { type: 'TextBlock', text: 'Chart not supported' } });
    expect(validateAdaptiveCard(card, { allowedUnknownTypes: ['Chart.Line'] })).toEqual([]);
    card.body[card.body.length - 1] = { type: 'Chart.Line', fallback: { type: 'TextBlock', text: 'x', wrapp: true } };
    expect(validateAdaptiveCard(card, { allowedUnknownTypes: ['Chart.Line'] })).toEqual([
      expect.stringContaining('fallback.wrapp'),
    ]);
  });

  it('accepts every documented Teams chart with a fallback, without being told', () => {
    const card = realisticCard();
    card.body.push(
      {
        type: 'Chart.HorizontalBar',
        title: 'Usage',
        displayMode: 'AbsoluteWithAxis',
        data: [{ x: 'Month to date', y: 10, color: 'attention' }],
        fallback: { type: 'TextBlock', text: 'Month to date: 10', wrap: true },
      },
      {
        type: 'Chart.Gauge',
        value: 50,
        min: 0,
        max: 100,
        segments: [{ legend: 'Used', size: 50, color: 'good' }],
        fallback: { type: 'TextBlock', text: '50%' },
      },
    );
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('rejects a chart without a text fallback, a misspelled chart property and an undocumented chart type', () => {
    const card = realisticCard();
    card.body.push(
      { type: 'Chart.Line', data: [] },
      { type: 'Chart.Gauge', vallue: 3, fallback: { type: 'TextBlock', text: '3' } },
      { type: 'Chart.Radar', fallback: { type: 'TextBlock', text: 'x' } },
    );
    const problems = validateAdaptiveCard(card);
    expect(problems).toContainEqual(expect.stringContaining('Chart.Line needs a fallback'));
    expect(problems).toContainEqual(expect.stringContaining('vallue'));
    expect(problems).toContainEqual(expect.stringContaining('"Chart.Radar" is not a chart type'));
  });

  it('rejects a property that only exists after 1.5', () => {
    const card = realisticCard();
    card.body.push({ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'x', verb: 'v', role: 'Button' }] });
    expect(validateAdaptiveCard(card)).toContainEqual(expect.stringContaining('"role"'));
  });

  it('rejects an Action.Execute without a verb, also in the refresh action', () => {
    const card = realisticCard();
    card.actions = [{ type: 'Action.Execute', title: 'Approve', data: { approvalId: 'a-1' } }];
    card.refresh = { action: { type: 'Action.Execute', verb: ' ' }, userIds: [] };
    expect(validateAdaptiveCard(card)).toEqual([
      expect.stringContaining('refresh.action: Action.Execute needs a non-empty "verb"'),
      expect.stringContaining('actions[0]: Action.Execute needs a non-empty "verb"'),
    ]);
  });

  it('does not look for verbs inside the bot payload (data)', () => {
    const card = realisticCard();
    card.actions = [{ type: 'Action.Execute', title: 'Go', verb: 'go', data: { nested: { type: 'Action.Execute' } } }];
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('rejects a card of 28 KB or more, measured as UTF-8', () => {
    const card = realisticCard();
    // "é" is 2 bytes in UTF-8: 15,000 characters are ~30 KB on the wire although the string is shorter.
    card.body.push({ type: 'TextBlock', text: 'é'.repeat(15_000), wrap: true });
    expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_BYTES);
    expect(validateAdaptiveCard(card)).toEqual([expect.stringMatching(/^card is \d+ bytes, must be under 28672/)]);
  });

  it('throws with every problem listed', () => {
    const card = { ...realisticCard(), version: '1.2', actions: [{ type: 'Action.Execute', title: 'x' }] };
    expect(() => assertValidAdaptiveCard(card)).toThrow(/version must be "1\.5"[\s\S]*needs a non-empty "verb"/);
  });
});

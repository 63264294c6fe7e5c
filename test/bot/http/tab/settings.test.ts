import { parseSettingsForm } from '../../../../bot/teams/companySettingsCommands';
import { POLICY_CHOICES } from '../../../../bot/http/tab';
import { parseSettingsBody } from '../../../../bot/http/tab/settings';

/**
 * The tab offers the policy choices of the settings card in Teams (bot/teams/companySettingsCommands.ts) and parses them
 * on its own (one field at a time): both must accept exactly the same values and store the same thing.
 */
describe("the tab's policy choices match the settings card's", () => {
  const defaults = {
    lookbackDays: '365',
    proposalRule: 'proposal',
    eligibilityMode: 'elapsed',
    holidaysRegion: 'metropole',
  };
  const fields = Object.keys(POLICY_CHOICES) as Array<keyof typeof POLICY_CHOICES>;

  test.each(fields.flatMap((field) => POLICY_CHOICES[field].map((value) => [field, value] as const)))(
    '%s = %s is accepted by both, with the same stored value',
    (field, value) => {
      const card = parseSettingsForm({ ...defaults, [field]: value });
      const tab = parseSettingsBody({ [field]: value }, {});
      expect('settings' in card && 'settings' in tab).toBe(true);
      if (!('settings' in card) || !('settings' in tab)) return;
      expect(tab.settings.policy?.[field]).toEqual(card.settings.policy?.[field]);
    },
  );

  test.each(
    fields.flatMap((field) => ['730', 'default', '', 'Metropole'].map((value) => [field, value] as const)),
  )('%s = %j is refused by both', (field, value) => {
    expect(parseSettingsForm({ ...defaults, [field]: value })).toEqual({ problems: ['policy'] });
    expect(parseSettingsBody({ [field]: value }, {})).toEqual({ problems: [field] });
  });
});

// `settingsForm`: the company settings card saved (bot/teams/companySettingsCommands decides who is HR and checks it).
import { isSettingsForm } from '../../companySettingsCommands';
import type { SubmitHandler } from '../types';

const settingsForm: SubmitHandler = {
  kind: 'settingsForm',
  accepts: isSettingsForm,
  async handle({ context, t, routes }) {
    await routes.companySettings.handle(context, undefined, t);
  },
};

export default settingsForm;

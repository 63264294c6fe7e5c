// `startCaseFromRequest`: "organise it" on an employee's request card starts the case form from the stored request.
import type { SubmitHandler } from '../types';
import { toConversation } from './conversation';

const startCaseFromRequest: SubmitHandler = {
  kind: 'startCaseFromRequest',
  accepts: (value) => typeof value.startCaseFromRequest === 'string',
  async handle(submit) {
    const { context, value, routes } = submit;
    const requestId = value.startCaseFromRequest as string;
    // The case flow reads the stored request and refuses anyone who may not organise it.
    if (routes.caseDialogs.startFromRequest) return routes.caseDialogs.startFromRequest(context, requestId);
    await toConversation(submit);
  },
};

export default startCaseFromRequest;

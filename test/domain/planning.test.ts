import { nearestValidMeetingDate, planMeeting } from '../../domain';

describe('planMeeting', () => {
  test('a meeting before the proposal, or before the request without one, is in the past', () => {
    const base = { requestDate: '2026-03-02', spstNoticeDate: '2026-02-10', leaveEnd: '2026-04-30' };
    expect(planMeeting({ ...base, meetingDate: '2026-03-01' }).problems).toEqual(['meeting_in_past']);
    expect(planMeeting({ ...base, meetingDate: '2026-03-02' }).problems).toEqual([]);
    expect(planMeeting({ ...base, proposalDate: '2026-03-05', meetingDate: '2026-03-04' }).problems).toEqual([
      'meeting_in_past',
    ]);
  });

  test('a meeting after the contract end is rejected; on the last day it is fine', () => {
    const base = { requestDate: '2026-04-01', spstNoticeDate: '2026-04-01', contractEnd: '2026-04-20' };
    expect(planMeeting({ ...base, meetingDate: '2026-04-21' }).problems).toEqual(['after_contract_end']);
    expect(planMeeting({ ...base, meetingDate: '2026-04-20' }).meetingValid).toBe(true);
  });

  test('a notice sent after the meeting is too short', () => {
    const plan = planMeeting({
      requestDate: '2026-04-01',
      spstNoticeDate: '2026-04-15',
      meetingDate: '2026-04-14',
    });
    expect(plan.problems).toEqual(['spst_notice_too_short']);
    expect(plan.latestMeetingDate).toBeNull();
  });

  test('a proposal within the tolerance is late by days but not flagged', () => {
    // Due Saturday 13 June 2026; tolerated until Monday 15 June.
    const base = { requestDate: '2026-05-29', spstNoticeDate: '2026-06-01' };
    expect(planMeeting({ ...base, proposalDate: '2026-06-15' })).toMatchObject({
      proposalDaysLate: 2,
      warnings: ['proposal_due_not_business_day'],
    });
    expect(planMeeting({ ...base, proposalDate: '2026-06-16' })).toMatchObject({
      proposalDaysLate: 3,
      warnings: ['proposal_late', 'proposal_due_not_business_day'],
    });
  });

  test('a weekend meeting is valid with a warning', () => {
    const plan = planMeeting({
      requestDate: '2026-03-02',
      spstNoticeDate: '2026-03-02',
      meetingDate: '2026-03-14',
    });
    expect(plan).toMatchObject({ meetingValid: true, problems: [], warnings: ['weekend'] });
  });

  test('Alsace-Moselle deadlines skip Good Friday and 26 December', () => {
    // D0 + 15 = Good Friday 3 April 2026, then Easter weekend and Easter Monday.
    const goodFriday = { requestDate: '2026-03-19', spstNoticeDate: '2026-03-19' };
    expect(planMeeting(goodFriday)).toMatchObject({ proposalDue: '2026-04-03', warnings: [] });
    expect(planMeeting({ ...goodFriday, policy: { holidaysRegion: 'alsace_moselle' } })).toMatchObject({
      proposalDueWithTolerance: '2026-04-07',
      proposalRecommendedBy: '2026-04-02',
      warnings: ['proposal_due_not_business_day'],
    });
    // D0 + 15 = Friday 26 December 2025: a business day on the mainland only.
    const boxingDay = { requestDate: '2025-12-11', spstNoticeDate: '2025-12-11', meetingDate: '2025-12-26' };
    expect(planMeeting(boxingDay)).toMatchObject({ proposalDueWithTolerance: '2025-12-26', warnings: [] });
    expect(planMeeting({ ...boxingDay, policy: { holidaysRegion: 'alsace_moselle' } })).toMatchObject({
      proposalDueWithTolerance: '2025-12-29',
      proposalRecommendedBy: '2025-12-24',
      meetingValid: true,
      warnings: ['public_holiday', 'proposal_due_not_business_day'],
    });
  });

  test('policy overrides: proposal and notice days', () => {
    const plan = planMeeting({
      requestDate: '2026-03-02',
      spstNoticeDate: '2026-03-02',
      meetingDate: '2026-03-12',
      policy: { proposalDays: 10, spstNoticeDays: 10, proposalRule: 'meeting' },
    });
    expect(plan).toMatchObject({
      proposalDue: '2026-03-12',
      earliestMeetingDate: '2026-03-12',
      latestMeetingDate: '2026-03-12',
      latestSpstNoticeDate: '2026-03-02',
      meetingValid: true,
    });
  });

  test('rejects bad input with a RangeError naming the field', () => {
    expect(() => planMeeting({ requestDate: '2026-02-29', spstNoticeDate: '2026-03-01' })).toThrow(
      /requestDate/,
    );
    expect(() =>
      planMeeting({ requestDate: '2026-03-01', spstNoticeDate: '2026-03-01', leaveEnd: '' }),
    ).toThrow(/leaveEnd/);
    expect(() =>
      planMeeting({
        requestDate: '2026-03-01',
        spstNoticeDate: '2026-03-01',
        policy: { proposalRule: 'strict' as never },
      }),
    ).toThrow(/policy\.proposalRule/);
  });
});

describe('nearestValidMeetingDate', () => {
  test('skips the weekend and the 8 May holiday', () => {
    // Notice Thursday 30 April 2026: earliest Friday 8 May (holiday), then the weekend.
    expect(nearestValidMeetingDate({ requestDate: '2026-04-30', spstNoticeDate: '2026-04-30' })).toBe(
      '2026-05-11',
    );
  });

  test('starts from `from`, else the proposed meeting day, but never before the earliest day', () => {
    const base = { requestDate: '2026-03-02', spstNoticeDate: '2026-03-02', leaveEnd: '2026-04-30' };
    expect(nearestValidMeetingDate(base)).toBe('2026-03-10');
    expect(nearestValidMeetingDate({ ...base, meetingDate: '2026-03-20' })).toBe('2026-03-20');
    expect(nearestValidMeetingDate({ ...base, meetingDate: '2026-03-20', from: '2026-03-25' })).toBe(
      '2026-03-25',
    );
    expect(nearestValidMeetingDate({ ...base, from: '2026-03-01' })).toBe('2026-03-10');
  });

  test('waits for the proposal', () => {
    const base = { requestDate: '2026-03-02', spstNoticeDate: '2026-03-02', proposalDate: '2026-03-16' };
    expect(nearestValidMeetingDate(base)).toBe('2026-03-16');
  });

  test('null when the window is empty or holds only non-business days', () => {
    expect(
      nearestValidMeetingDate({
        requestDate: '2026-05-06',
        spstNoticeDate: '2026-05-06',
        leaveEnd: '2026-05-12',
      }),
    ).toBeNull();
    // Window Saturday 14 – Sunday 15 March 2026.
    expect(
      nearestValidMeetingDate({
        requestDate: '2026-03-06',
        spstNoticeDate: '2026-03-06',
        leaveEnd: '2026-03-15',
      }),
    ).toBeNull();
  });

  test('rejects a bad `from`', () => {
    expect(() =>
      nearestValidMeetingDate({ requestDate: '2026-03-02', spstNoticeDate: '2026-03-02', from: '2026-3-9' }),
    ).toThrow(/from/);
  });
});

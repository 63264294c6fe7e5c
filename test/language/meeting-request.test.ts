import { detectsMeetingRequest } from '../../language/meeting-request';

describe('detectsMeetingRequest', () => {
  it.each([
    ['je voudrais un rendez-vous de liaison', 'fr'],
    ['Je demande un rdv de liaison', 'fr'],
    ['bonjour, je souhaiterais organiser un rendez-vous de liaison svp', 'fr'],
    ['demande de rdv de liaison', 'fr'],
    ["j'aimerais avoir un entretien de liaison avec les RH", 'fr'],
    ["pouvez-vous m'organiser un rendez-vous de liaison ?", 'fr'],
    ['je voudrais un rdv de liaison, comment faire ?', 'fr'],
    ["I'd like a liaison meeting", 'en'],
    ['I would like to request a liaison meeting', 'en'],
    ['i want a liaison meeting please', 'en'],
    ['Please set up a liaison meeting', 'en'],
    ['can you arrange a liaison meeting for me?', 'en'],
  ] as const)('fires on a request: %s', (text, locale) => {
    expect(detectsMeetingRequest(text, locale)).toBe(true);
  });

  it.each([
    ["c'est quoi un rdv de liaison ?", 'fr'],
    ['comment demander un rdv de liaison', 'fr'],
    ['je ne veux pas de rdv de liaison', 'fr'],
    ['est-ce que je peux demander un rendez-vous de liaison ?', 'fr'],
    ["je voudrais savoir ce qu'est le rendez-vous de liaison", 'fr'],
    ['mon employeur me propose un rendez-vous de liaison', 'fr'],
    ['je voudrais annuler le rdv de liaison', 'fr'],
    ['je voudrais un rendez-vous avec le médecin du travail', 'fr'],
    ['what is a liaison meeting?', 'en'],
    ['how do I ask for a liaison meeting', 'en'],
    ["I don't want a liaison meeting", 'en'],
    ['can I request a liaison meeting?', 'en'],
    ['HR wants a meeting during my sick leave', 'en'],
    ['I would like to decline the meeting', 'en'],
  ] as const)('stays silent on questions, refusals and others’ requests: %s', (text, locale) => {
    expect(detectsMeetingRequest(text, locale)).toBe(false);
  });
});

// The typed data commands HR uses, read from language/data/commands.json.
import { recognizeDataCommand } from '../../language/commands';

describe('recognizeDataCommand', () => {
  it.each([
    ['export données a@b.fr', 'export', 'a@b.fr'],
    ['Exporter les données de a@b.fr', 'export', 'a@b.fr'],
    ['export data of 1234', 'export', '1234'],
    ['EFFACER DONNÉES a@b.fr', 'erase', 'a@b.fr'],
    ['supprimer les donnees du x', 'erase', 'x'],
    ['erase the data for x', 'erase', 'x'],
    ['delete data', 'erase', ''],
  ])('%s → %s %s', (text, verb, rest) => {
    expect(recognizeDataCommand(text)).toEqual({ verb, rest });
  });

  it.each(['exporter', 'export the report', 'effacer tout', 'please export data x', 'exportdata x'])(
    'is not a data command: %s',
    (text) => {
      expect(recognizeDataCommand(text)).toBeUndefined();
    },
  );
});

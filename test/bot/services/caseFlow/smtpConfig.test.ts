import { ConfigError, loadConfig } from '../../../../bot/platform/config';

describe('SMTP settings', () => {
  test('unset: no email', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
  });

  test('SMTP_URL and SMTP_FROM together enable the SPST email', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://mail.example.com:587',
      SMTP_FROM: 'Liaison <liaison@example.com>',
    });
    expect(config.smtp).toEqual({
      url: 'smtp://mail.example.com:587',
      from: 'Liaison <liaison@example.com>',
    });
  });

  test.each([
    [
      { SMTP_URL: 'http://mail.example.com', SMTP_FROM: 'liaison@example.com' },
      /SMTP_URL: expected smtp:\/\//,
    ],
    [
      { SMTP_URL: 'smtp://mail.example.com:25', SMTP_FROM: 'liaison' },
      /SMTP_FROM: expected an email address/,
    ],
    [{ SMTP_URL: 'smtp://mail.example.com:25' }, /SMTP_FROM: SMTP_URL and SMTP_FROM go together/],
    [{ SMTP_FROM: 'liaison@example.com' }, /SMTP_URL: SMTP_URL and SMTP_FROM go together/],
  ])('%j is refused with the variable named', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

import { loadConfig } from '../../bot/platform/config';
import { startupWarnings } from '../../bot/http/security/startup';

// Finding 1 (and 2): what `npm start` says about an open configuration.
describe('start-up warnings', () => {
  test('local mode says loudly that it is local mode, unauthenticated, and loopback only', () => {
    const [line] = startupWarnings(loadConfig({}));
    expect(line).toMatch(/^LOCAL MODE/);
    expect(line).toMatch(/127\.0\.0\.1/);
    expect(line).toMatch(/X-Forwarded-For/);
  });

  test('local mode on every interface adds a warning', () => {
    expect(startupWarnings(loadConfig({ HOST: '0.0.0.0' }))).toHaveLength(2);
  });

  test('an app open to every tenant is said to be; one restricted to its tenant is quiet', () => {
    const app = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'x' };
    expect(startupWarnings(loadConfig(app))).toEqual([expect.stringMatching(/ANY Microsoft 365 tenant/)]);
    expect(
      startupWarnings(loadConfig({ ...app, MicrosoftAppTenantId: '11111111-1111-4111-8111-111111111111' })),
    ).toEqual([]);
  });
});

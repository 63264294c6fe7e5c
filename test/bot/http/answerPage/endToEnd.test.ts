import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { emailInvitation } from '../../../../bot/services/answerLinks';
import { EmailSender } from '../../../../bot/services/caseFlow';
import { CaseStore } from '../../../../bot/services/cases';
import { parisToday } from '../../../../domain';
import { callerOf, COMPANY, HR_ID, sampleOpenRequestOn, TENANT } from '../../services/cases/sampleCase';
import { startSmtpServer } from '../../services/caseFlow/smtpServer';
import { freshSqlite, type TestDatabase } from '../../../support/databases';
import { startTabApp } from '../tab/tabApi';

/** A free loopback port, so that the app's PUBLIC_BASE_URL can name the port it will listen on. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The raw MIME part of a given content type, base64-decoded (an attachment). */
function attachmentOf(raw: string, contentType: string): Buffer {
  const start = raw.search(new RegExp(`Content-Type: ${contentType.replace('/', '\\/')}`, 'i'));
  expect(start).toBeGreaterThan(-1);
  const rest = raw.slice(start);
  const body = rest.slice(rest.indexOf('\r\n\r\n') + 4);
  return Buffer.from(body.slice(0, body.indexOf('\r\n--')).replace(/\s+/g, ''), 'base64');
}

/** The text/plain part of the message, decoded (quoted-printable). */
function textOf(raw: string): string {
  const start = raw.search(/Content-Type: text\/plain/i);
  const rest = raw.slice(start);
  const body = rest.slice(rest.indexOf('\r\n\r\n') + 4);
  return Buffer.from(
    body
      .slice(0, body.indexOf('\r\n--'))
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/**
 * Every RGB image the PDF holds, decoded as a PDF reader would (FlateDecode streams): width, height and RGBA
 * pixels. The QR code is found and read in these pixels as a scanner would read the printed page.
 */
function rgbImagesOf(pdf: Buffer): Array<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const text = pdf.toString('latin1');
  const images = [];
  const objects = /<<((?:(?!>>\s*stream)[\s\S])*?\/Subtype \/Image[\s\S]*?)>>\s*stream\r?\n/g;
  for (let match = objects.exec(text); match; match = objects.exec(text)) {
    const dictionary = match[1] ?? '';
    if (!/\/ColorSpace \/DeviceRGB/.test(dictionary) || !/\/Filter \/FlateDecode/.test(dictionary)) continue;
    const width = Number(/\/Width (\d+)/.exec(dictionary)?.[1]);
    const height = Number(/\/Height (\d+)/.exec(dictionary)?.[1]);
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
    const start = match.index + match[0].length;
    const rgb = inflateSync(pdf.subarray(start, start + length));
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let pixel = 0; pixel < width * height; pixel += 1) {
      rgba.set([rgb[pixel * 3]!, rgb[pixel * 3 + 1]!, rgb[pixel * 3 + 2]!, 255], pixel * 4);
    }
    images.push({ width, height, rgba });
  }
  return images;
}

jest.setTimeout(60_000);

describe('#17 end to end over HTTP: the email and the letter lead to the page, the answer reaches the case', () => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let app: Awaited<ReturnType<typeof startTabApp>>;
  let publicBaseUrl: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    database = await freshSqlite();
    const port = await freePort();
    publicBaseUrl = `http://127.0.0.1:${port}`;
    app = await startTabApp(database, {
      PORT: String(port),
      PUBLIC_BASE_URL: publicBaseUrl,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Liaison <liaison@example.com>',
    });
  });
  afterAll(async () => {
    await app?.app.stop();
    await database?.dispose();
    await smtp?.close();
  });

  test.each(['fr', 'en'] as const)(
    '#17 in %s: the email link and the PDF QR code open the page; the answer moves the case, by link',
    async (lang) => {
      const { caseService, companySettings, answerLinks } = app.app;
      const today = parisToday(new Date());
      await companySettings.upsert(TENANT, COMPANY, { companyName: 'Acme Industries', inviteBy: 'email' });
      const email = `jeanne.${lang}@example.org`;
      const opened = await caseService.open(
        sampleOpenRequestOn(today, { employee: { name: 'Jeanne Morel', email } }),
        callerOf(HR_ID),
      );
      expect(opened.outcome).toBe('applied');
      const liaisonCase = opened.case!;

      // The company invites by email: the outbox emails the invitation by itself (in French, the letters' default).
      const fromOutbox = () => smtp.messages.find((message) => message.includes(email));
      while (!fromOutbox()) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(textOf(fromOutbox()!)).toMatch(new RegExp(`${publicBaseUrl}/rdv/[0-9A-Z]{16}`));

      // HR may email it again in the employee's language: the page then opens in it.
      const sender = new EmailSender({ url: smtp.url, from: 'Liaison <liaison@example.com>' });
      const before = smtp.messages.length;
      expect(
        await emailInvitation({ links: answerLinks, companySettings, sender }, liaisonCase, lang),
      ).toEqual({
        status: 'sent',
        to: email,
      });
      sender.close();
      const marker = lang === 'fr' ? 'sans compte' : 'without an account';
      const inLanguage = () =>
        smtp.messages
          .slice(before)
          .find((message) => textOf(message).includes(marker) && message.includes(email));
      while (!inLanguage()) await new Promise((resolve) => setTimeout(resolve, 20));
      const raw = inLanguage()!;

      // The link in the message.
      const text = textOf(raw);
      const linked = new RegExp(`${publicBaseUrl}/rdv/[0-9A-Z]{16}`).exec(text)?.[0];
      expect(linked).toBeDefined();
      expect(text).toContain(lang === 'fr' ? 'sans compte' : 'without an account');

      // The QR code on the attached letter, read from the PDF's pixels: the same page.
      const pdf = attachmentOf(raw, 'application/pdf');
      const scanned = rgbImagesOf(pdf)
        .map((image) => jsQR(image.rgba, image.width, image.height)?.data)
        .filter(Boolean);
      expect(scanned).toEqual([linked]);
      // And its short address, printed beside it (uncompressed text is not guaranteed: the code is enough).
      expect(answerLinks.shortUrl(linked!)).toMatch(/^127\.0\.0\.1:\d+\/rdv\/(\w{4}-){3}\w{4}$/);

      // Both lead to the page, in the letter's language.
      const page = await fetch(scanned[0]!);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain('Acme Industries');
      expect(await answerLinks.answerLinkStatus(liaisonCase)).toMatchObject({
        channel: 'email',
        opened: true,
      });

      // Answering there, as the form posts it.
      const token = /name="token" value="([0-9A-Z]{16})"/.exec(html)?.[1] ?? '';
      const offer = /name="offer" value="(\d+)"/.exec(html)?.[1] ?? '';
      const answered = await fetch(`${publicBaseUrl}/rdv`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: publicBaseUrl },
        body: new URLSearchParams({ token, offer, lang, answer: 'accept' }).toString(),
      });
      expect(answered.status).toBe(303);
      const after = await fetch(`${publicBaseUrl}${answered.headers.get('location')}`);
      expect(await after.text()).toContain(lang === 'fr' ? 'Vous avez accepté' : 'You have accepted');

      const audit = await new CaseStore(app.app.db).auditTrail(TENANT, liaisonCase.id);
      expect(audit.at(-1)).toMatchObject({
        event: 'accept',
        toState: 'accepted',
        via: 'link',
        actorRole: 'employee',
      });
      // Told as for a card answer: the manager's status and HR's update are queued.
      const kinds = (
        await app.app.db.query<{ kind: string }>('SELECT kind FROM outbox WHERE case_id = $1', [
          liaisonCase.id,
        ])
      ).map((row) => row.kind);
      expect(kinds).toEqual(expect.arrayContaining(['manager.status', 'hr.update']));
    },
  );
});

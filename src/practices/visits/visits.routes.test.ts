import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpServer, type InProcessSmtp, type ReceivedMail } from '../../../test/smtp.ts';
import {
  actorOf, bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, eventually,
  mimeLeaves, parseMime, sessionClient,
} from '../../../test/harness.ts';
import { calendarProperties, calendarProperty, readCalendar } from '../../platform/calendar/ics.test-support.ts';
import { setPracticeHidden, sharePractice } from '../practices.usecases.ts';
import { processOutbox } from '../../notifications/outbox.ts';
import { instantToLocal, localToInstant } from './visits.models.ts';
import { visitsSubscribers } from './visits.subscribers.ts';
import { acceptVisit, requestVisit } from './visits.usecases.ts';


const DAY = 86_400_000;
/** A local date `days` ahead, and the UTC instant of `time` on it in Amsterdam. */
const ahead = (days: number, time = '10:00') => {
  const { date } = instantToLocal(new Date(Date.now() + days * DAY));
  return { date, time, instant: localToInstant(date, time)?.instant as Date };
};
/** The next last Sunday of March (the clocks go forward at 02:00 there). */
function nextSpringForward(): string {
  for (let year = new Date().getUTCFullYear(); ; year++) {
    const lastDay = new Date(Date.UTC(year, 2, 31));
    const sunday = new Date(lastDay.getTime() - lastDay.getUTCDay() * DAY);
    if (sunday.getTime() > Date.now() + DAY) return sunday.toISOString().slice(0, 10);
  }
}

describe('meekijken (visits)', () => {
  let received: ReceivedMail[] = [];
  let smtp: InProcessSmtp;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  before(async () => {
    smtp = await startSmtpServer();
    received = smtp.received;
    t = await createTestApp({ config: { smtpUrl: smtp.url } });
    for (const subscriber of visitsSubscribers(t.deps)) t.deps.events.subscribe(subscriber);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const mailsTo = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase())).map((m) => readMail(m.raw));
  const mailTo = (address: string, index: number) => eventually(() => mailsTo(address)[index]);

  async function world(options: { visibility?: 'open' | 'closed' | 'secret' } = {}) {
    const org = await createTestOrganisation(t.deps);
    const author = await createTestUser(t.deps, org.id, { name: 'Ada Auteur', locale: 'en' });
    const requester = await createTestUser(t.deps, org.id, { name: 'Bram Vrager' });
    const bystander = await createTestUser(t.deps, org.id, { name: 'Cor Omstander' });
    const outsiderOrg = await createTestOrganisation(t.deps);
    const outsider = await createTestUser(t.deps, outsiderOrg.id);
    const community = await createTestCommunity(t.deps, org.id, {
      visibility: options.visibility ?? 'secret',
      members: [{ userId: author.id }, { userId: requester.id }, { userId: bystander.id }],
    });
    const { id: practiceId } = await sharePractice(t.deps, actorOf(author), { id: community.id }, { title: 'Keukentafelgesprek met tolk', situation: 'Een inwoner sprak geen Nederlands.', action: 'Ik belde een tolk via beeldbellen.' });
    const client = (user: { id: string }) => sessionClient(t.deps, t.app, user.id);
    return { org, author, requester, bystander, outsider, community, practiceId, client };
  }

  const countVisits = async (practiceId: string) =>
    Number((await t.deps.db.selectFrom('visit_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', practiceId).executeTakeFirstOrThrow()).n);

  it('request → other time → accept: both get a mail with the same calendar event', async () => {
    const w = await world();
    const asker = await w.client(w.requester);
    const story = await asker.get(`/praktijk/${w.practiceId}`);
    assert.match(story.body, /Vraag of je mag meekijken/);
    assert.equal((await asker.get(`/praktijk/${w.practiceId}/meekijken`)).statusCode, 200);
    const first = ahead(10);
    const posted = await asker.post(`/praktijk/${w.practiceId}/meekijken`, { date: first.date, time: first.time, durationMinutes: '60', message: 'Ik wil zien hoe je de tolk inzet.' });
    assert.equal(posted.statusCode, 303);
    const visitPath = String(posted.headers.location);
    const visitId = visitPath.split('/').pop() as string;

    const requestMail = await mailTo(w.author.email, 0);
    assert.equal(requestMail.subject, 'Bram Vrager would like to watch you at work');
    assert.match(requestMail.text, /Ik wil zien hoe je de tolk inzet/);
    assert.ok(requestMail.text.includes(`/meekijken/${visitId}`));
    assert.equal(requestMail.calendar, undefined);

    const host = await w.client(w.author);
    assert.match((await host.get(`/praktijk/${w.practiceId}`)).body, /There is 1 open request to watch/);
    assert.match((await asker.get(`/praktijk/${w.practiceId}`)).body, /waiting for the author|wacht op de auteur/);
    assert.equal((await asker.post(`${visitPath}/accepteren`)).statusCode, 403, 'not the requester’s turn');

    const second = ahead(12, '14:00');
    const proposed = await host.post(`${visitPath}/ander-moment`, { date: second.date, time: second.time, durationMinutes: '120' });
    assert.equal(proposed.statusCode, 303);
    const proposal = await mailTo(w.requester.email, 0);
    assert.equal(proposal.subject, 'Ada Auteur stelt een ander moment voor');
    assert.equal((await host.post(`${visitPath}/accepteren`)).statusCode, 403, 'not the host’s turn any more');

    assert.equal((await asker.post(`${visitPath}/accepteren`)).statusCode, 303);
    const hostMail = await mailTo(w.author.email, 1);
    const requesterMail = await mailTo(w.requester.email, 1);
    assert.match(hostMail.subject, /^Agreed: watching at work on/);
    assert.match(requesterMail.subject, /^Afgesproken: meekijken op/);
    for (const mail of [hostMail, requesterMail]) {
      assert.ok(mail.calendar, 'the mail has a text/calendar part');
      assert.match(mail.calendarType, /method=REQUEST/i);
      const lines = readCalendar(mail.calendar);
      assert.equal(calendarProperty(lines, 'METHOD')?.value, 'REQUEST');
      assert.equal(calendarProperty(lines, 'UID')?.value, `${visitId}@leerkring`);
      assert.equal(calendarProperty(lines, 'DTSTART')?.value, second.instant.toISOString().replace(/[-:]/g, '').replace('.000', ''));
      assert.equal(calendarProperty(lines, 'DTEND')?.value, new Date(second.instant.getTime() + 120 * 60_000).toISOString().replace(/[-:]/g, '').replace('.000', ''));
      assert.equal(calendarProperty(lines, 'SEQUENCE')?.value, '1');
      assert.deepEqual(calendarProperties(lines, 'ATTENDEE').map((a) => a.value).sort(), [`mailto:${w.author.email}`, `mailto:${w.requester.email}`].sort());
    }
    assert.equal((await asker.post(`${visitPath}/accepteren`)).statusCode, 409, 'already decided');
    const mine = await host.get('/meekijken');
    assert.match(mine.body, /Bram Vrager would like to watch you/);
  });

  it('declines after a confirmation and tells the requester', async () => {
    const w = await world();
    const { id } = await requestVisit(t.deps, actorOf(w.requester), w.practiceId, { startsAt: ahead(5).instant, durationMinutes: 30 });
    const host = await w.client(w.author);
    await host.get(`/meekijken/${id}`);
    const asked = await host.post(`/meekijken/${id}/afwijzen`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Are you sure you want to decline/);
    assert.equal((await host.post(`/meekijken/${id}/afwijzen`, { confirmed: 'yes' })).statusCode, 303);
    const mail = await mailTo(w.requester.email, 0);
    assert.equal(mail.subject, 'Ada Auteur heeft het verzoek om mee te kijken afgewezen');
    const row = await t.deps.db.selectFrom('visit_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'declined');
  });

  it('cancels an accepted visit with a CANCEL invitation to both; only the requester may cancel', async () => {
    const w = await world();
    const { id } = await requestVisit(t.deps, actorOf(w.requester), w.practiceId, { startsAt: ahead(7).instant, durationMinutes: 480 });
    await acceptVisit(t.deps, actorOf(w.author), id);
    const host = await w.client(w.author);
    assert.equal((await host.post(`/meekijken/${id}/annuleren`, { confirmed: 'yes' })).statusCode, 403);
    const asker = await w.client(w.requester);
    assert.equal((await asker.post(`/meekijken/${id}/annuleren`, { confirmed: 'yes' })).statusCode, 303);
    const cancel = await eventually(() => mailsTo(w.author.email).find((m) => /^Cancelled/.test(m.subject)));
    const lines = readCalendar(cancel.calendar as string);
    assert.equal(calendarProperty(lines, 'METHOD')?.value, 'CANCEL');
    assert.equal(calendarProperty(lines, 'STATUS')?.value, 'CANCELLED');
    assert.equal(calendarProperty(lines, 'SEQUENCE')?.value, '1');
    assert.equal(calendarProperty(lines, 'UID')?.value, `${id}@leerkring`);
    await eventually(() => mailsTo(w.requester.email).find((m) => /^Geannuleerd/.test(m.subject)));
  });

  it('a story hidden by a moderator keeps its visit requests, but only its author still reads its title', async () => {
    const w = await world();
    const moderator = await createTestUser(t.deps, w.org.id, { name: 'Mo Moderator' });
    await t.deps.db.insertInto('community_members').values({ community_id: w.community.id, user_id: moderator.id, role: 'facilitator', status: 'active' } as never).execute();
    const when = ahead(12);
    const { id } = await requestVisit(t.deps, actorOf(w.requester), w.practiceId, { startsAt: when.instant, durationMinutes: 60 });
    await acceptVisit(t.deps, actorOf(w.author), id);
    await setPracticeHidden(t.deps, actorOf(moderator), w.practiceId, { reason: 'Bevat persoonsgegevens van een inwoner.' });
    await processOutbox(t.deps, new Date());
    const title = 'Keukentafelgesprek met tolk';
    const asker = await w.client(w.requester);
    const page = await asker.get(`/meekijken/${id}`);
    assert.equal(page.statusCode, 200, 'the arrangement between the two stays');
    assert.ok(!page.body.includes(title), 'the requester no longer reads the title');
    assert.match(page.body, /verborgen door een moderator/);
    assert.ok(!(await asker.get('/meekijken')).body.includes(title));
    const centre = (await asker.get('/meldingen')).body;
    assert.match(centre, /Nieuws over meekijken/, 'the acceptance is in the notification centre');
    assert.ok(!centre.includes(title), 'without the title');
    const token = await createTestPersonalAccessToken(t.deps, w.requester.id, 'read');
    assert.equal((await bearerRequest(t.app, token, 'GET', `/api/v1/visits/${id}`)).json().practice.title, null);
    const host = await w.client(w.author);
    assert.ok((await host.get(`/meekijken/${id}`)).body.includes(title), 'the author still does');
  });

  it('is invisible to outsiders and non-parties; the author cannot ask themselves', async () => {
    const w = await world({ visibility: 'secret' });
    const { id } = await requestVisit(t.deps, actorOf(w.requester), w.practiceId, { startsAt: ahead(3).instant, durationMinutes: 60 });
    const outsider = await w.client(w.outsider);
    assert.equal((await outsider.get(`/praktijk/${w.practiceId}/meekijken`)).statusCode, 404);
    assert.equal((await outsider.get(`/meekijken/${id}`)).statusCode, 404);
    assert.equal((await outsider.post(`/meekijken/${id}/accepteren`)).statusCode, 404);
    const bystander = await w.client(w.bystander);
    assert.equal((await bystander.get(`/meekijken/${id}`)).statusCode, 404);
    assert.equal((await bystander.post(`/meekijken/${id}/accepteren`)).statusCode, 404);
    assert.doesNotMatch((await bystander.get('/meekijken')).body, new RegExp(id));
    const author = await w.client(w.author);
    assert.equal((await author.get(`/praktijk/${w.practiceId}/meekijken`)).statusCode, 403);
    assert.equal((await author.post(`/praktijk/${w.practiceId}/meekijken`, { date: ahead(3).date, time: '10:00', durationMinutes: '60' })).statusCode, 403);
    const asker = await w.client(w.requester);
    const again = await asker.post(`/praktijk/${w.practiceId}/meekijken`, { date: ahead(4).date, time: '10:00', durationMinutes: '60' });
    assert.equal(again.statusCode, 409, 'one open request per person per story');
    assert.match(again.body, /al een open verzoek/);
  });

  it('refuses the host when their account is deactivated', async () => {
    const w = await world();
    await t.deps.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', w.author.id).execute();
    const asker = await w.client(w.requester);
    const response = await asker.post(`/praktijk/${w.practiceId}/meekijken`, { date: ahead(3).date, time: '10:00', durationMinutes: '60' });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /geen actief account/);
  });

  it('two parallel accepts leave one accepted state and one set of mails', async () => {
    const w = await world();
    const { id } = await requestVisit(t.deps, actorOf(w.requester), w.practiceId, { startsAt: ahead(6).instant, durationMinutes: 60 });
    const results = await Promise.allSettled([acceptVisit(t.deps, actorOf(w.author), id), acceptVisit(t.deps, actorOf(w.author), id)]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    await mailTo(w.requester.email, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(mailsTo(w.requester.email).filter((m) => m.calendar).length, 1);
    assert.equal(mailsTo(w.author.email).filter((m) => m.calendar).length, 1);
    assert.equal(t.deps.dispatched.filter((e) => e.name === 'visit.accepted' && e.payload.visitId === id).length, 1);
  });

  it('answers bad input with 422 and field errors, storing nothing', async () => {
    const w = await world();
    const asker = await w.client(w.requester);
    await asker.get(`/praktijk/${w.practiceId}/meekijken`);
    const good = { date: ahead(3).date, time: '10:00', durationMinutes: '60', message: 'Hallo' };
    const cases: [string, Record<string, string>, RegExp][] = [
      ['past date', { ...good, date: instantToLocal(new Date(Date.now() - 2 * DAY)).date }, /Kies een moment in de toekomst/],
      ['a year and a day ahead', { ...good, date: ahead(367).date }, /Kies een moment binnen een jaar/],
      ['duration 5', { ...good, durationMinutes: '5' }, /field-durationMinutes/],
      ['NUL in message', { ...good, message: 'a\u0000b' }, /field-message/],
      ['missing date and time', { durationMinutes: '60' }, /field-date/],
      ['no such date', { ...good, date: '2027-02-30' }, /Vul een bestaande datum en tijd in/],
      ['time in the DST gap', { ...good, date: nextSpringForward(), time: '02:30' }, /Kies bijvoorbeeld 03:00/],
    ];
    for (const [name, form, expected] of cases) {
      const response = await asker.post(`/praktijk/${w.practiceId}/meekijken`, form);
      assert.equal(response.statusCode, 422, name);
      assert.match(response.body, expected, name);
      assert.match(response.body, /utrecht-alert--error/, name);
    }
    assert.match((await asker.post(`/praktijk/${w.practiceId}/meekijken`, { ...good, date: ahead(367).date })).body, /value="Hallo"|>Hallo</);
    assert.equal(await countVisits(w.practiceId), 0);
  });

  it('API: request, list, reschedule, accept, decline and cancel; 404 for others', async () => {
    const w = await world();
    const askerToken = await createTestPersonalAccessToken(t.deps, w.requester.id);
    const hostToken = await createTestPersonalAccessToken(t.deps, w.author.id);
    const outsiderToken = await createTestPersonalAccessToken(t.deps, w.outsider.id);
    const startsAt = ahead(9).instant.toISOString();
    const created = await bearerRequest(t.app, askerToken, 'POST', `/api/v1/practices/${w.practiceId}/visits`, { startsAt, durationMinutes: 90, message: 'Graag' });
    assert.equal(created.statusCode, 201, created.body);
    const visit = created.json() as { id: string; status: string; role: string; startsAt: string };
    assert.deepEqual([visit.status, visit.role, visit.startsAt], ['awaiting_host', 'requester', startsAt]);
    const list = (await bearerRequest(t.app, hostToken, 'GET', '/api/v1/visits')).json() as { items: { id: string; role: string }[] };
    assert.deepEqual(list.items.filter((i) => i.id === visit.id).map((i) => i.role), ['host']);
    assert.equal((await bearerRequest(t.app, outsiderToken, 'GET', `/api/v1/visits/${visit.id}`)).statusCode, 404);
    assert.equal((await bearerRequest(t.app, outsiderToken, 'POST', `/api/v1/practices/${w.practiceId}/visits`, { startsAt, durationMinutes: 60 })).statusCode, 404);
    assert.equal((await bearerRequest(t.app, hostToken, 'GET', '/api/v1/visits/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    const bad = await bearerRequest(t.app, askerToken, 'POST', `/api/v1/practices/${w.practiceId}/visits`, { startsAt, durationMinutes: 60 });
    assert.equal(bad.statusCode, 409, 'one open request already');
    const later = ahead(11).instant.toISOString();
    const moved = await bearerRequest(t.app, hostToken, 'POST', `/api/v1/visits/${visit.id}/reschedule`, { startsAt: later });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(((r) => [r.status, r.sequence, r.startsAt])(moved.json() as { status: string; sequence: number; startsAt: string }), ['awaiting_requester', 1, later]);
    const pastReschedule = await bearerRequest(t.app, askerToken, 'POST', `/api/v1/visits/${visit.id}/reschedule`, { startsAt: new Date(Date.now() - DAY).toISOString() });
    assert.equal(pastReschedule.statusCode, 422);
    const accepted = await bearerRequest(t.app, askerToken, 'POST', `/api/v1/visits/${visit.id}/accept`);
    assert.equal((accepted.json() as { status: string }).status, 'accepted');
    assert.equal((await bearerRequest(t.app, hostToken, 'POST', `/api/v1/visits/${visit.id}/decline`, {})).statusCode, 409);
    const cancelled = await bearerRequest(t.app, askerToken, 'POST', `/api/v1/visits/${visit.id}/cancel`);
    assert.deepEqual(((r) => [r.status, r.sequence])(cancelled.json() as { status: string; sequence: number }), ['cancelled', 2]);

    const second = (await bearerRequest(t.app, askerToken, 'POST', `/api/v1/practices/${w.practiceId}/visits`, { startsAt, durationMinutes: 60 })).json() as { id: string };
    const declined = await bearerRequest(t.app, hostToken, 'POST', `/api/v1/visits/${second.id}/decline`, { message: 'Die week ben ik weg.' });
    assert.equal((declined.json() as { status: string }).status, 'declined');
    const mail = await eventually(() => mailsTo(w.requester.email).find((m) => /afgewezen/.test(m.subject)));
    assert.match(mail.text, /Die week ben ik weg/);
    for (const body of [{ startsAt: 'morgen', durationMinutes: 60 }, { startsAt, durationMinutes: 5 }, { durationMinutes: 60 }, { startsAt, durationMinutes: 60, message: 'a\u0000b' }]) {
      assert.equal((await bearerRequest(t.app, askerToken, 'POST', `/api/v1/practices/${w.practiceId}/visits`, body)).statusCode, 422, JSON.stringify(body));
    }
  });
});

function readMail(raw: string) {
  const message = parseMime(raw);
  const leaves = mimeLeaves(message);
  const part = (type: string) => leaves.find((leaf) => (leaf.headers['content-type'] ?? '').startsWith(type));
  // nodemailer sends the event twice: as a text/calendar alternative (quoted-printable, so line
  // ends are not kept byte for byte) and as an .ics attachment in base64, read here exactly.
  const alternative = part('text/calendar');
  const attachment = part('application/ics');
  return {
    subject: decodeSubject(message.headers.subject ?? ''),
    text: part('text/plain')?.body ?? '',
    calendar: attachment?.body,
    calendarType: alternative?.headers['content-type'] ?? '',
  };
}

/** Subjects with non-ASCII characters arrive as RFC 2047 encoded words. */
function decodeSubject(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'));
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, utcDateTime, writeInvitation, type CalendarInvitation } from './ics.ts';
import { calendarProperties, calendarProperty, readCalendar } from './ics.test-support.ts';

const invitation = (overrides: Partial<CalendarInvitation> = {}): CalendarInvitation => ({
  method: 'REQUEST',
  uid: '6f1c2d1e-0000-4000-8000-000000000001@leerkring',
  sequence: 2,
  stamp: new Date('2026-03-01T09:15:30.123Z'),
  start: new Date('2026-03-29T01:00:00Z'),
  end: new Date('2026-03-29T03:00:00Z'),
  summary: 'Meekijken bij Ada: Keukentafelgesprek, met tolk; via beeldbellen',
  description: 'Regel één\nRegel twee met een \\ backslash',
  organizer: { name: 'Ada de Vries', email: 'ada@example.test' },
  attendees: [
    { name: 'Ada de Vries', email: 'ada@example.test', status: 'ACCEPTED' },
    { name: 'Bram, van: Dijk', email: 'bram@example.test', status: 'NEEDS-ACTION' },
  ],
  ...overrides,
});

describe('ics writer', () => {
  it('writes a calendar that parses back to the same fields', () => {
    const lines = readCalendar(writeInvitation(invitation()));
    const value = (name: string) => calendarProperty(lines, name)?.value;
    assert.deepEqual(lines.map((l) => l.name).slice(0, 6), ['BEGIN', 'PRODID', 'VERSION', 'CALSCALE', 'METHOD', 'BEGIN']);
    assert.equal(value('VERSION'), '2.0');
    assert.equal(value('METHOD'), 'REQUEST');
    assert.equal(value('CALSCALE'), 'GREGORIAN');
    assert.equal(value('UID'), '6f1c2d1e-0000-4000-8000-000000000001@leerkring');
    assert.equal(value('SEQUENCE'), '2');
    assert.equal(value('DTSTAMP'), '20260301T091530Z');
    assert.equal(value('DTSTART'), '20260329T010000Z');
    assert.equal(value('DTEND'), '20260329T030000Z');
    assert.equal(value('STATUS'), 'CONFIRMED');
    assert.equal(value('SUMMARY'), 'Meekijken bij Ada: Keukentafelgesprek, met tolk; via beeldbellen');
    assert.equal(value('DESCRIPTION'), 'Regel één\nRegel twee met een \\ backslash');
    assert.equal(calendarProperty(lines, 'LOCATION'), undefined);
    const organizer = calendarProperty(lines, 'ORGANIZER');
    assert.equal(organizer?.params.CN, 'Ada de Vries');
    assert.equal(organizer?.value, 'mailto:ada@example.test');
    const attendees = calendarProperties(lines, 'ATTENDEE');
    assert.deepEqual(attendees.map((a) => [a.params.CN, a.params.ROLE, a.params.PARTSTAT, a.value]), [
      ['Ada de Vries', 'REQ-PARTICIPANT', 'ACCEPTED', 'mailto:ada@example.test'],
      ['Bram, van: Dijk', 'REQ-PARTICIPANT', 'NEEDS-ACTION', 'mailto:bram@example.test'],
    ]);
    assert.deepEqual(lines.slice(-2).map((l) => `${l.name}:${l.value}`), ['END:VEVENT', 'END:VCALENDAR']);
  });

  it('ends every line in CRLF, with no bare line breaks', () => {
    const text = writeInvitation(invitation());
    assert.ok(text.endsWith('\r\n'));
    assert.equal(text.split('\r\n').join('').includes('\n'), false);
    assert.equal(text.replace(/\r\n/g, '').includes('\r'), false);
  });

  it('escapes text values and drops control characters', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
    assert.equal(escapeText('bell\u0007tab\tok'), 'belltab\tok');
    const raw = writeInvitation(invitation({ summary: 'x;y,z' }));
    assert.match(raw, /\r\nSUMMARY:x\\;y\\,z\r\n/);
  });

  it('quotes a name that holds a separator and leaves out quotes in it', () => {
    const raw = writeInvitation(invitation({ organizer: { name: 'Ada "de" Vries; hoofd', email: 'ada@example.test' } }));
    assert.match(raw, /ORGANIZER;CN="Ada de Vries; hoofd":mailto:ada@example\.test/);
  });

  it('folds long lines at 75 octets without splitting a multi-byte character', () => {
    const summary = `${'é'.repeat(40)} ${'🙂'.repeat(30)} ${'x'.repeat(100)}`;
    const text = writeInvitation(invitation({ summary, description: 'ü'.repeat(500) }));
    for (const line of text.slice(0, -2).split('\r\n')) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `too long: ${line}`);
      assert.equal(Buffer.from(line, 'utf8').toString('utf8'), line);
      assert.equal(line.includes('\uFFFD'), false);
    }
    const lines = readCalendar(text);
    assert.equal(calendarProperty(lines, 'SUMMARY')?.value, summary);
    assert.equal(calendarProperty(lines, 'DESCRIPTION')?.value, 'ü'.repeat(500));
  });

  it('folds exactly at the limit and leaves short lines alone', () => {
    assert.equal(foldLine('a'.repeat(75)), 'a'.repeat(75));
    assert.equal(foldLine('a'.repeat(76)), `${'a'.repeat(75)}\r\n a`);
    // 74 ASCII octets, then a 2-octet character that would make 76: it moves to the next line whole.
    assert.equal(foldLine(`${'a'.repeat(74)}é`), `${'a'.repeat(74)}\r\n é`);
    const continued = foldLine('b'.repeat(75 + 74 + 1)).split('\r\n');
    assert.deepEqual(continued.map((l) => Buffer.byteLength(l)), [75, 75, 2]);
  });

  it('writes a cancellation with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const lines = readCalendar(writeInvitation(invitation({ method: 'CANCEL', sequence: 3 })));
    assert.equal(calendarProperty(lines, 'METHOD')?.value, 'CANCEL');
    assert.equal(calendarProperty(lines, 'STATUS')?.value, 'CANCELLED');
    assert.equal(calendarProperty(lines, 'SEQUENCE')?.value, '3');
  });

  it('formats UTC date-times in the basic form', () => {
    assert.equal(utcDateTime(new Date('2026-10-25T00:30:00.999Z')), '20261025T003000Z');
  });
});

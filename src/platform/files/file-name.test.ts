import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentDisposition, safeFileName } from './file-name.ts';

describe('safeFileName', () => {
  const cases: [string, string, string][] = [
    ['Jaarverslag 2024.pdf', 'pdf', 'Jaarverslag 2024.pdf'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\win.ini', 'pdf', 'win.pdf'],
    ['C:\\Users\\anna\\Bureaublad\\notulen.docx', 'docx', 'notulen.docx'],
    ['rapport\0.pdf', 'pdf', 'rapport.pdf'],
    ['kop\r\nSet-Cookie: x=1.pdf', 'pdf', 'kopSet-Cookie_ x=1.pdf'],
    // U+202E makes "foto‮gpj.exe" read as "fotoexe.jpg".
    ['foto\u202Egpj.exe', 'pdf', 'fotogpj.pdf'],
    ['\u2066verslag\u2069.pdf', 'pdf', 'verslag.pdf'],
    ['.htaccess', 'pdf', 'htaccess.pdf'],
    ['...', 'png', 'bijlage.png'],
    ['', 'jpg', 'bijlage.jpg'],
    ['map/', 'pdf', 'bijlage.pdf'],
    ['report.pdf.exe', 'pdf', 'report.pdf'],
    ['photo.jpg', 'png', 'photo.png'],
    ['foto.JPEG', 'jpg', 'foto.jpg'],
    ['  veel    ruimte\t tussen .pdf', 'pdf', 'veel ruimte tussen.pdf'],
    ['"quote" <tag>|pipe?.pdf', 'pdf', '_quote_ _tag__pipe_.pdf'],
    ['Überweisung café.pdf', 'pdf', 'Überweisung café.pdf'],
  ];
  for (const [declared, ext, expected] of cases) {
    it(`${JSON.stringify(declared)} → ${expected}`, () => assert.equal(safeFileName(declared, ext), expected));
  }

  it('limits the name to 100 characters, extension included, without splitting characters', () => {
    const long = safeFileName(`${'😀'.repeat(150)}.pdf`, 'pdf');
    assert.equal(Array.from(long).length, 100);
    assert.ok(long.endsWith('😀.pdf'));
    assert.ok(!/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/.test(long.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    assert.equal(contentDisposition('Überweisung café.pdf'), `attachment; filename="Uberweisung cafe.pdf"; filename*=UTF-8''%C3%9Cberweisung%20caf%C3%A9.pdf`);
    assert.equal(contentDisposition('foto.png', 'inline'), `inline; filename="foto.png"; filename*=UTF-8''foto.png`);
  });
  it('never lets a quote or backslash end the header value', () => {
    const header = contentDisposition('a"b\\c (1).pdf');
    assert.match(header, /filename="a_b_c \(1\)\.pdf"/);
    assert.match(header, /filename\*=UTF-8''a%22b%5Cc%20%281%29\.pdf$/);
  });
});

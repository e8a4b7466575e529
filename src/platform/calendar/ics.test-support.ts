/**
 * Reads iCalendar text back for tests: checks CRLF and the 75-octet limit, unfolds, and splits
 * each content line into name, parameters and (unescaped) value.
 */
export interface CalendarLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

export function readCalendar(text: string): CalendarLine[] {
  if (!text.endsWith('\r\n')) throw new Error('the calendar does not end in CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    if (line.includes('\n') || line.includes('\r')) throw new Error(`bare line break in ${JSON.stringify(line)}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${line}`);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') && logical.length > 0) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical.map(parseLine);
}

function parseLine(line: string): CalendarLine {
  let i = 0;
  let inQuotes = false;
  for (; i < line.length; i++) {
    if (line[i] === '"') inQuotes = !inQuotes;
    else if (line[i] === ':' && !inQuotes) break;
  }
  const head = line.slice(0, i);
  const raw = line.slice(i + 1);
  const [name = '', ...paramParts] = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
  const params = Object.fromEntries(paramParts.map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq), p.slice(eq + 1).replace(/^"(.*)"$/, '$1')];
  }));
  return { name, params, value: unescape(raw) };
}

const unescape = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** The first line called `name` inside the event, or the calendar. */
export const calendarProperty = (lines: CalendarLine[], name: string) => lines.find((l) => l.name === name);
export const calendarProperties = (lines: CalendarLine[], name: string) => lines.filter((l) => l.name === name);

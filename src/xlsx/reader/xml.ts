/**
 * Just enough XML for SpreadsheetML parts, scanned by hand: attribute values, entity decoding, and the
 * namespace prefix a producer chose for the main namespace (some write <x:c> instead of <c>). A SAX
 * parser costs about twice as much and gives us nothing these parts need.
 */

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML character and entity references (&amp; &#20013; &#x4E2D;). */
export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** Excel's own escape for characters XML cannot hold: _x000D_ → "\r" (and _x005F_ escapes the underscore). */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The attributes of one start tag (`<c r="A1" s="3">`), names without their namespace prefix. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    const name = m[1]!;
    const colon = name.indexOf(':');
    // xmlns declarations are kept under their full name; r:id becomes "id" only when no plain id exists.
    const local = colon < 0 || name.startsWith('xmlns') ? name : name.slice(colon + 1);
    if (!(local in out)) out[local] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** The prefix ("x:" or "") of the document element, which every element of that namespace then carries. */
export function rootPrefix(xml: string): string {
  let i = 0;
  for (;;) {
    i = xml.indexOf('<', i);
    if (i < 0) return '';
    const next = xml[i + 1];
    if (next !== '?' && next !== '!') break;
    i++;
  }
  const m = /^<([\w.-]+:)?[\w.-]+/.exec(xml.slice(i, i + 200));
  return m?.[1] ?? '';
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Does an element name end at this character (white space, ">" or "/")? "<row" must not match "<rowBreaks". */
export function isNameEnd(code: number): boolean {
  return isSpace(code) || code === 62 || code === 47;
}

/** Every start tag of an element (`<name ...>` or `<name .../>`), in document order, from `from` to `to`. */
export function* startTags(xml: string, name: string, from = 0, to = xml.length): Generator<{ tag: string; start: number; end: number; selfClosing: boolean }> {
  const open = `<${name}`;
  let i = from;
  for (;;) {
    i = xml.indexOf(open, i);
    if (i < 0 || i >= to) return;
    if (isNameEnd(xml.charCodeAt(i + open.length))) {
      const end = xml.indexOf('>', i);
      if (end < 0) return;
      yield { tag: xml.slice(i, end + 1), start: i, end: end + 1, selfClosing: xml.charCodeAt(end - 1) === 47 };
      i = end + 1;
    } else i += open.length;
  }
}

/** The text of every <t> inside `xml` (a string item or inline string), skipping phonetic runs (<rPh>). */
export function stringItemText(xml: string, prefix: string): string {
  let out = '';
  const rPh = `<${prefix}rPh`;
  const rPhEnd = `</${prefix}rPh>`;
  const tEnd = `</${prefix}t>`;
  for (const t of startTags(xml, `${prefix}t`)) {
    if (t.selfClosing) continue;
    const ph = xml.lastIndexOf(rPh, t.start);
    if (ph >= 0 && xml.indexOf(rPhEnd, ph) > t.start) continue;
    const close = xml.indexOf(tEnd, t.end);
    if (close < 0) break;
    out += xml.slice(t.end, close);
  }
  return decodeOoxmlEscapes(decodeXml(out));
}

/**
 * Whether a part ends with its root element closed (`</x:worksheet>`, or the root written as one empty
 * tag, `<sst count="0"/>`), white space, comments and processing instructions after it allowed. A part
 * cut short does not: a scan would read what is there and say nothing of what is lost. `tail` is the
 * part's last characters (a few hundred are plenty).
 */
export function closesRoot(tail: string, prefix: string, root: string): boolean {
  let end = tail.length;
  for (;;) {
    while (end > 0 && tail.charCodeAt(end - 1) <= 32) end--;
    const trailing = tail.endsWith('-->', end) ? tail.lastIndexOf('<!--', end - 3) : tail.endsWith('?>', end) ? tail.lastIndexOf('<?', end - 2) : -2;
    if (trailing === -2) break;
    if (trailing < 0) return false;
    end = trailing;
  }
  const start = tail.lastIndexOf('<', end - 1);
  if (start < 0) return false;
  const last = tail.slice(start, end);
  const name = `${prefix}${root}`;
  if (last.startsWith(`</${name}`)) return /^\s*>$/.test(last.slice(name.length + 2));
  return last.startsWith(`<${name}`) && /^(?:\s[^<>]*)?\/>$/.test(last.slice(name.length + 1));
}

/** Named entities XML itself defines; any other `&name;` comes from HTML. */
const XML_ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/;
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';
/** Characters kept back at a chunk's end, so that a token cut in two is seen whole. */
const LOOKAHEAD = 12;

/**
 * Repairs, on the fly, the two mistakes almost every hand-made XML feed contains and
 * that stop a strict parser dead: a bare `&` (in URLs: `?a=1&b=2`) and HTML entities
 * (`&eacute;`, `&nbsp;`). Both are escaped to `&amp;…`, so URLs come out intact and HTML
 * entities reach the text cleaner, which decodes them. CDATA sections are left alone.
 * Control characters XML forbids are dropped.
 */
export class XmlTextRepair {
  private carry = '';
  private inCdata = false;

  push(chunk: string): string {
    return this.process(this.carry + chunk, false);
  }

  end(): string {
    return this.process(this.carry, true);
  }

  private process(input: string, final: boolean): string {
    const buf = input.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
    const limit = final ? buf.length : buf.length - LOOKAHEAD;
    let out = '';
    let i = 0;
    while (i < limit) {
      if (this.inCdata) {
        const close = buf.indexOf(CDATA_CLOSE, i);
        if (close < 0) {
          // Keep two characters back: "]]" may be the start of a cut "]]>".
          const stop = final ? buf.length : Math.max(i, buf.length - 2);
          out += buf.slice(i, stop);
          i = stop;
          break;
        }
        out += buf.slice(i, close + CDATA_CLOSE.length);
        i = close + CDATA_CLOSE.length;
        this.inCdata = false;
        continue;
      }
      const amp = buf.indexOf('&', i);
      const cdata = buf.indexOf(CDATA_OPEN, i);
      const next = Math.min(amp < 0 ? Infinity : amp, cdata < 0 ? Infinity : cdata);
      if (next === Infinity || next >= limit) {
        out += buf.slice(i, limit);
        i = limit;
        break;
      }
      out += buf.slice(i, next);
      if (next === cdata) {
        out += CDATA_OPEN;
        i = cdata + CDATA_OPEN.length;
        this.inCdata = true;
      } else {
        out += XML_ENTITY.test(buf.slice(amp, amp + LOOKAHEAD)) ? '&' : '&amp;';
        i = amp + 1;
      }
    }
    this.carry = buf.slice(Math.max(i, 0));
    if (final) this.carry = '';
    return out;
  }
}

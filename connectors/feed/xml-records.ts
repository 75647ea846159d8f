import { SaxesParser, type SaxesTagNS } from 'saxes';
import { canonicalField, FeedField, FeedRecord } from './feed-fields';
import { FeedFormatError, } from './feed-format-error';
import { htmlPageError } from './feed-sniff';
import { XmlTextRepair } from './xml-text-repair';

export const GOOGLE_NS = 'http://base.google.com/ns/1.0';
/** Elements that hold one product: RSS 2.0 `<item>`, Atom `<entry>`, and plain `<product>` exports. */
const ITEM_ELEMENTS = new Set(['item', 'entry', 'product']);
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf', 'channel', 'products', 'catalog', 'catalogue']);
/** Well-formedness errors tolerated outside products before the file is judged unreadable. */
const MAX_DOCUMENT_ERRORS = 50;

interface OpenItem {
  index: number;
  line: number;
  depth: number;
  fields: Partial<Record<FeedField, string>>;
  fromGoogle: Set<FeedField>;
  error?: string;
}

interface OpenField {
  field: FeedField;
  google: boolean;
  text: string;
}

/**
 * RSS 2.0 / Atom product feed → one record per `<item>`/`<entry>`, parsed with saxes as
 * the text arrives. Only the item being read is in memory. Fields are the item's direct
 * children (so `<g:shipping><g:price>` never overrides the product's price); a `g:`
 * element wins over a plain one of the same name (`<g:title>` over RSS `<title>`).
 */
export async function* xmlRecords(text: AsyncIterable<string>): AsyncGenerator<FeedRecord, void, void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const repair = new XmlTextRepair();
  const out: FeedRecord[] = [];
  let depth = 0;
  let root: string | undefined;
  let items = 0;
  let documentErrors = 0;
  let item: OpenItem | undefined;
  let field: OpenField | undefined;

  parser.on('error', (e) => {
    if (item) item.error ??= e.message.replace(/^[^:]*:\d+:\d+: /, '');
    else documentErrors++;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    const local = tag.local.toLowerCase();
    if (!root) {
      root = local;
      if (local === 'html') throw htmlPageError();
    }
    if (!item) {
      if (ITEM_ELEMENTS.has(local)) item = { index: ++items, line: parser.line, depth, fields: {}, fromGoogle: new Set() };
      return;
    }
    if (depth !== item.depth + 1) return;
    const name = canonicalField(local);
    if (!name) return;
    const google = tag.uri === GOOGLE_NS || tag.prefix === 'g';
    // Atom writes the product page as <link rel="alternate" href="…"/>.
    const href = attr(tag, 'href');
    const rel = attr(tag, 'rel');
    if (name === 'link' && href && (!rel || rel === 'alternate')) setField(item, 'link', href, google);
    else if (!(name === 'link' && rel && rel !== 'alternate')) field = { field: name, google, text: '' };
  });
  parser.on('text', (t) => {
    if (field) field.text += t;
  });
  parser.on('cdata', (t) => {
    if (field) field.text += t;
  });
  parser.on('closetag', () => {
    if (item && field && depth === item.depth + 1) {
      setField(item, field.field, field.text, field.google);
      field = undefined;
    } else if (item && depth === item.depth) {
      out.push(item.error ? { position: position(item), externalId: item.fields.id?.trim() || undefined, reason: `XML invalide (${item.error})` } : { position: position(item), fields: item.fields });
      item = undefined;
    }
    depth--;
  });

  const flush = function* (): Generator<FeedRecord> {
    if (!items && documentErrors > MAX_DOCUMENT_ERRORS) throw new FeedFormatError('Le fichier XML est illisible (trop d’erreurs de syntaxe).');
    yield* out.splice(0);
  };

  for await (const chunk of text) {
    parser.write(repair.push(chunk));
    yield* flush();
  }
  parser.write(repair.end());
  parser.close();
  yield* flush();
  if (!items && !(root && FEED_ROOTS.has(root))) {
    throw new FeedFormatError('Ce fichier XML ne contient aucun produit : ni <item> (RSS), ni <entry> (Atom).');
  }
}

function setField(item: OpenItem, name: FeedField, value: string, google: boolean): void {
  const v = value.trim();
  if (name === 'additional_image_link') {
    if (v) item.fields[name] = item.fields[name] ? `${item.fields[name]},${v}` : v;
    return;
  }
  const current = item.fields[name];
  if (current === undefined || current === '' || (google && !item.fromGoogle.has(name) && v !== '')) {
    item.fields[name] = v;
    if (google) item.fromGoogle.add(name);
  }
}

function attr(tag: SaxesTagNS, name: string): string | undefined {
  const a = tag.attributes[name];
  return a ? a.value : undefined;
}

function position(item: OpenItem): string {
  return `article n°${item.index} (ligne ${item.line})`;
}

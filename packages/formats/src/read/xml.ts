/**
 * Streaming XML for the parts of xlsx and docx files, on saxes. Office never writes a DOCTYPE,
 * and a DOCTYPE with entity declarations is how "billion laughs" attacks expand a few kilobytes
 * into gigabytes, so any part that has one is refused before it is parsed.
 */
import { SaxesParser } from 'saxes';
import { readError } from './errors.ts';
import type { Clock } from './limits.ts';

export interface XmlHandlers {
  /** `name` and attribute names without their namespace prefix (`w:tc` → `tc`) */
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** text fed to the parser per step, so the clock is looked at between steps */
const SLICE = 1 << 20;

export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Parses one part. `what` names the document ("Excel 工作簿") and `part` the entry, for
 * messages. Throws ReadError 'xml-entities' for DOCTYPE/ENTITY declarations and 'xml-corrupt'
 * for XML that is not well-formed.
 */
export function parseXml(
  bytes: Uint8Array,
  file: string,
  part: string,
  what: string,
  handlers: XmlHandlers,
  clock: Clock,
): void {
  const text = decodeXml(bytes);
  if (hasDeclarations(text)) throw entityError(file, part, what);
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw entityError(file, part, what);
  });
  parser.on('opentag', (tag) => {
    if (!handlers.open) return;
    const raw = tag.attributes as Record<string, string>;
    let attrs = raw;
    for (const k in raw) {
      if (k.includes(':')) {
        // only prefixed names need a copy; most elements have none
        attrs = {};
        for (const key in raw) attrs[localName(key)] = raw[key]!;
        break;
      }
    }
    handlers.open(localName(tag.name), attrs, tag.isSelfClosing);
  });
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  try {
    for (let i = 0; i < text.length; i += SLICE) {
      parser.write(text.slice(i, i + SLICE));
      clock.check();
    }
    parser.close();
  } catch (e) {
    if (e instanceof Error && e.name === 'ReadError') throw e;
    throw readError(
      'xml-corrupt',
      file,
      `中的“${part}”部分已损坏（XML 格式错误），无法读取。请用 Office/WPS 打开后重新保存为 ${what}再导入。`,
    );
  }
}

/** `<!DOCTYPE` or `<!ENTITY` anywhere (comments and CDATA are the only other `<!`) */
function hasDeclarations(text: string): boolean {
  for (let i = text.indexOf('<!'); i >= 0; i = text.indexOf('<!', i + 2)) {
    const word = text.slice(i + 2, i + 8).toUpperCase();
    if (word.startsWith('DOCTYP') || word.startsWith('ENTITY')) return true;
  }
  return false;
}

function entityError(file: string, part: string, what: string): Error {
  return readError(
    'xml-entities',
    file,
    `中的“${part}”部分含有 DOCTYPE/实体声明，正常的 ${what}不会这样写，可能是恶意构造的文件（实体膨胀攻击），已拒绝读取。` +
      '请用 Office/WPS 重新保存后再导入。',
  );
}

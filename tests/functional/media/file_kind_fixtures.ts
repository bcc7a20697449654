import { deflateRawSync } from 'node:zlib'

/*
 * Real bytes of the brief's file types, built here so that each test shows
 * exactly what the type was judged by: zips with or without an Office
 * `[Content_Types].xml`, compound files with a Word, Excel or PowerPoint
 * stream in their directory, and the magic numbers of the media formats.
 */

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
const SHEET_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'
const SLIDES_MAIN =
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'
const WORD_MACRO_MAIN = 'application/vnd.ms-word.document.macroEnabled.main+xml'

/** A zip of deflated entries, in the given order (local headers, central directory, end record). */
export function zipOf(entries: { name: string; data: Buffer | string }[]) {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const data = Buffer.from(entry.data)
    const packed = deflateRawSync(data)
    const name = Buffer.from(entry.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, packed)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function contentTypes(main: string) {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/main.xml" ContentType="${main}"/></Types>`
  )
}

/** An Office Open XML package whose `[Content_Types].xml` names `main` (first entry, as Office writes it). */
export function ooxml(main: string, folder: string) {
  return zipOf([
    { name: '[Content_Types].xml', data: contentTypes(main) },
    { name: `${folder}/main.xml`, data: '<document/>' },
  ])
}

export const DOCX = ooxml(WORD_MAIN, 'word')
export const XLSX = ooxml(SHEET_MAIN, 'xl')
export const PPTX = ooxml(SLIDES_MAIN, 'ppt')
export const DOCM = ooxml(WORD_MACRO_MAIN, 'word')
/** Office folder names without `[Content_Types].xml`: a plain zip, not a Word file. */
export const WORD_FOLDERS_ONLY = zipOf([{ name: 'word/document.xml', data: '<document/>' }])

/**
 * A compound file (version 3, 512-byte sectors) whose first directory sector
 * is sector `directorySector` and holds a root entry and one stream named
 * `stream`. A sector far from the start puts the directory past the bytes
 * the type is first judged from.
 */
export function compoundFile(stream: string, directorySector = 0) {
  const header = Buffer.alloc(512)
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0)
  header.writeUInt16LE(0x3e, 0x18)
  header.writeUInt16LE(3, 0x1a)
  header.writeUInt16LE(0xfffe, 0x1c)
  header.writeUInt16LE(9, 0x1e)
  header.writeUInt16LE(6, 0x20)
  header.writeUInt32LE(directorySector, 0x30)
  const sectors = Buffer.alloc(512 * (directorySector + 1), 0x5a)
  const directory = sectors.subarray(512 * directorySector)
  directory.fill(0)
  writeEntry(directory, 0, 'Root Entry', 5)
  writeEntry(directory, 1, stream, 2)
  return Buffer.concat([header, sectors])
}

function writeEntry(directory: Buffer, index: number, name: string, type: number) {
  const at = index * 128
  const bytes = Buffer.from(`${name}\u0000`, 'utf16le')
  bytes.copy(directory, at)
  directory.writeUInt16LE(bytes.length, at + 0x40)
  directory[at + 0x42] = type
}

/** The start of an MPEG program stream (pack header), then filler. */
export const MPEG = Buffer.concat([
  Buffer.from('000001ba440004000401', 'hex'),
  Buffer.alloc(200, 0xff),
])

/** An iPhone-style QuickTime movie: an `ftyp` box of brand `qt  `. */
export const QUICKTIME = Buffer.concat([
  Buffer.from('00000014667479707174202000000200717420200000000877696465', 'hex'),
  Buffer.alloc(200, 0),
])

/** A RIFF AVI header. */
export const AVI = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from('c8000000', 'hex'),
  Buffer.from('AVI LIST'),
  Buffer.alloc(200, 0),
])

/** A RAR 5 signature. */
export const RAR = Buffer.concat([Buffer.from('526172211a070100', 'hex'), Buffer.alloc(200, 0)])

/** A 7z signature. */
export const SEVEN_ZIP = Buffer.concat([
  Buffer.from('377abcaf271c0004', 'hex'),
  Buffer.alloc(200, 0),
])

/** An SVG with an XML declaration and a script: stored, never rendered by Parley's downloads. */
export const SVG = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n' +
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
    '<script>alert(document.domain)</script><rect width="10" height="10"/></svg>\n'
)

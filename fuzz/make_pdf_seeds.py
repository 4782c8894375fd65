#!/usr/bin/env python3
"""Writes the seed corpus of pdf_fuzz (fuzz/corpus/pdf/): small PDFs built
here object by object, each exercising one thing the PDF reader meets (page
trees, Info titles, fonts and encodings, filters, cross-reference streams,
encryption, form XObjects), plus truncated and corrupted copies.

    python3 fuzz/make_pdf_seeds.py fuzz/corpus/pdf

The output is deterministic, so running it again changes nothing in git.
Only the standard library is used (zlib for FlateDecode, hashlib for MD5).
"""
import hashlib
import os
import sys
import zlib


def pdf_string(text):
    """A PDF literal string for bytes or Latin-1 text: ( ) and \\ escaped."""
    data = text.encode("latin-1") if isinstance(text, str) else text
    out = b"("
    for b in data:
        if b in b"()\\":
            out += b"\\"
        out += bytes([b])
    return out + b")"


def utf16_string(text):
    """A PDF text string in UTF-16BE with its byte-order mark, as hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def stream(body, extra=b""):
    return (b"<< /Length %d " % len(body)) + extra + b" >>\nstream\n" + body + b"\nendstream"


def build(objects, root=1, info=None, encrypt=None, ids=None, version=b"1.4"):
    """A PDF with a classic xref table; objects[i] is object i + 1."""
    out = b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        trailer += b" /Info %d 0 R" % info
    if encrypt:
        trailer += b" /Encrypt %d 0 R" % encrypt
    if ids:
        trailer += b" /ID [<" + ids.hex().encode() + b"> <" + ids.hex().encode() + b">]"
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_content(lines, x=72, y=720, font=b"/F1", size=12):
    ops = b"BT %s %d Tf 14 TL %d %d Td" % (font, size, x, y)
    for line in lines:
        ops += b" " + (line if isinstance(line, bytes) and line.startswith(b"<") else pdf_string(line)) + b" Tj T*"
    return ops + b" ET"


def simple(pages, info=None, font=HELVETICA, filter_flate=False):
    """Catalog, page tree, one font, one page and content per entry of
    `pages` (a list of content streams), an optional Info dictionary."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, font]
    kids = []
    for content in pages:
        page_num = len(objects) + 1
        kids.append(b"%d 0 R" % page_num)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
                       b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % (page_num + 1))
        if filter_flate:
            objects.append(stream(zlib.compress(content, 9), b"/Filter /FlateDecode"))
        else:
            objects.append(stream(content))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    info_num = None
    if info is not None:
        objects.append(info)
        info_num = len(objects)
    return build(objects, info=info_num)


def one_page():
    return simple([text_content(["Quarterly Report", "Revenue grew by ten percent."])])


def pages_and_title():
    return simple([text_content(["First page text."]), b"",
                   text_content(["Third (page) text \\ with escapes."])],
                  info=b"<< /Title (Annual Review) /Author (Someone) >>")


def unicode_title():
    title = utf16_string("\u6d4e\u5357\u5e02\t\u62a5\u544a\nsecond line\u0007\u2028end ")
    return simple([text_content(["Body text under a Chinese title."])],
                  info=b"<< /Title " + title + b" >>")


def blank_title_long_line():
    line = "word " * 30
    return simple([text_content(["   ", line, "second line"])],
                  info=b"<< /Title (  \n\t ) >>")


def cjk_type0():
    """A Type0 font with Identity-H and a ToUnicode CMap: CIDs 1-6."""
    chars = "\u6d4e\u5357\u6559\u80b2\u4f1a\u8bae"
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Seed-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            b"%d beginbfchar\n" % len(chars))
    for i, ch in enumerate(chars):
        cmap += b"<%04X> <%s>\n" % (i + 1, ch.encode("utf-16-be").hex().upper().encode())
    cmap += b"endbfchar\n1 beginbfrange <0010> <0012> <FF21> endbfrange\n"
    cmap += b"endcmap CMapName currentdict /CMap defineresource pop end end"
    content = (b"BT /F1 14 Tf 72 720 Td <000100020003000400050006> Tj 0 -20 Td"
               b" [<0001> -200 <0002> 300 <001000110012>] TJ ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SeedCJK /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SeedCJK"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /DW 1000 >>",
        stream(cmap),
    ]
    return build(objects)


def controls():
    """A font whose Differences map codes to controls, C1 controls and line
    separators, and strings holding CR, LF, FF and NUL bytes."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding"
            b" << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences"
            b" [1 /uni0085 /uni2028 /uni0007 /uni009B /uni000C /uni00A0 /uni3000] >> >>")
    lines = [b"a\x01b\x02c\x03d\x04e\x05f\x06g\x07",
             b"tab\there  \r\nCRLF\rCR\x0cFF\x00NUL   ",
             b"\x06\x07 title after controls",
             b"trailing spaces     "]
    return simple([text_content(lines), text_content([b"\x06\x06\x06", b"   "])], font=font)


def flate():
    return simple([text_content(["Compressed content stream.", "Second line."]),
                   text_content(["Page two."])], filter_flate=True)


def tj_layout():
    content = (b"BT /F1 12 Tf 72 720 Td [(Ker) -50 (ned) 1000 (words)] TJ ET\n"
               b"BT /F1 12 Tf 1 0 0 1 320 720 Tm (Right column) Tj ET\n"
               b"BT /F1 12 Tf 72 700 Td (Left again) Tj 0 -14 Td (next) ' (quoted) \" ET\n"
               b"BT /F1 12 Tf 0 1 -1 0 500 400 Tm (Rotated text) Tj ET\n"
               b"BT /F1 12 Tf 72 100 Td 3 Tr (invisible) Tj 0 Tr 2 Tz 50 Ts (tiny) Tj ET\n"
               b"BT /F1 40 Tf 72 600 Td (Big) Tj /F1 4 Tf (small) Tj ET")
    return simple([content])


def form_xobject():
    form = stream(b"BT /F1 12 Tf 0 0 Td (Text inside a form XObject) Tj ET",
                  b"/Type /XObject /Subtype /Form /BBox [0 0 300 50]"
                  b" /Resources << /Font << /F1 3 0 R >> >>")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        HELVETICA,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /XObject << /X1 6 0 R >> /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        stream(b"q 1 0 0 1 72 700 cm /X1 Do Q q 1 0 0 1 72 650 cm /X1 Do Q"),
        form,
    ]
    return build(objects)


def nested_page_tree():
    """Pages inside Pages, inherited Resources and MediaBox, a wrong /Count,
    a page with an array of contents and one with none."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 5 /MediaBox [0 0 300 300]"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 7 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents [8 0 R 9 0 R] >>",
        HELVETICA,
        b"<< /Type /Page /Parent 3 0 R /Contents 10 0 R /Rotate 90 >>",
        b"<< /Type /Page /Parent 3 0 R >>",
        stream(b"BT /F1 12 Tf 20 250 Td (Split across) Tj"),
        stream(b" ( two streams) Tj ET"),
        stream(text_content(["Inner page"], x=20, y=250)),
    ]
    return build(objects)


def xref_stream():
    """PDF 1.5: objects in an object stream, found through a cross-reference
    stream (both uncompressed)."""
    header = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    content = text_content(["Text found through an xref stream."])
    # Objects 1-3 live in object stream 4; 5 is the content, 6 the xref.
    inner = [b"<< /Type /Catalog /Pages 2 0 R >>",
             b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
             b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
             b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1"
             b" /BaseFont /Helvetica >> >> >> /Contents 5 0 R >>"]
    index, data = b"", b""
    for i, body in enumerate(inner):
        index += b"%d %d " % (i + 1, len(data))
        data += body + b"\n"
    objstm = stream(index + data, b"/Type /ObjStm /N 3 /First %d" % len(index))
    out = header
    off4 = len(out)
    out += b"4 0 obj\n" + objstm + b"\nendobj\n"
    off5 = len(out)
    out += b"5 0 obj\n" + stream(content) + b"\nendobj\n"
    off6 = len(out)
    rows = [(0, 0, 255), (2, 4, 0), (2, 4, 1), (2, 4, 2), (1, off4, 0), (1, off5, 0), (1, off6, 0)]
    table = b"".join(bytes([t]) + o.to_bytes(4, "big") + bytes([g]) for t, o, g in rows)
    out += (b"6 0 obj\n" + stream(table, b"/Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R")
            + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % off6)
    return out


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted(user_password):
    """Standard security handler, revision 2 (40-bit RC4). With an empty user
    password poppler opens it (owner password only); else it is locked."""
    file_id = hashlib.md5(b"sousuo seed " + user_password).digest()
    owner_key = hashlib.md5((b"owner" + PAD)[:32]).digest()[:5]
    o = rc4(owner_key, (user_password + PAD)[:32])
    p = (-44).to_bytes(4, "little", signed=True)
    key = hashlib.md5((user_password + PAD)[:32] + o + p + file_id).digest()[:5]
    u = rc4(key, PAD)

    def obj_key(num):
        return hashlib.md5(key + num.to_bytes(3, "little") + b"\0\0").digest()[:10]

    content = rc4(obj_key(4), text_content(["Only an owner password protects this."]))
    title = rc4(obj_key(6), b"Encrypted seed")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        HELVETICA,
        b"<< /Title <" + title.hex().encode() + b"> >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <"
        + u.hex().encode() + b"> /P -44 >>",
    ]
    return build(objects, info=6, encrypt=7, ids=file_id)


def no_text():
    image = stream(b"\xff\x00\xff\x00", b"/Type /XObject /Subtype /Image /Width 2 /Height 2"
                   b" /ColorSpace /DeviceGray /BitsPerComponent 8")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"q 100 0 0 100 72 600 cm /Im1 Do Q 0 0 m 100 100 l S"),
        image,
    ]
    return build(objects)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus/pdf"
    os.makedirs(out_dir, exist_ok=True)
    seeds = {
        "one_page.pdf": one_page(),
        "pages_title.pdf": pages_and_title(),
        "unicode_title.pdf": unicode_title(),
        "blank_title_long_line.pdf": blank_title_long_line(),
        "cjk_type0.pdf": cjk_type0(),
        "controls.pdf": controls(),
        "flate.pdf": flate(),
        "tj_layout.pdf": tj_layout(),
        "form_xobject.pdf": form_xobject(),
        "nested_page_tree.pdf": nested_page_tree(),
        "xref_stream.pdf": xref_stream(),
        "owner_password.pdf": encrypted(b""),
        "user_password.pdf": encrypted(b"secret"),
        "no_text.pdf": no_text(),
    }
    good = seeds["pages_title.pdf"]
    xref_at = good.rfind(b"xref")
    seeds.update({
        # Broken copies: poppler reconstructs the xref or gives up.
        "truncated_half.pdf": good[:len(good) // 2],
        "truncated_no_xref.pdf": good[:xref_at],
        "truncated_header.pdf": good[:40],
        "bad_startxref.pdf": good.replace(b"startxref\n%d" % xref_at, b"startxref\n99999"),
        "bad_offsets.pdf": good[:xref_at] + good[xref_at:].replace(b"0000000", b"0000001"),
        "bad_length.pdf": one_page().replace(b"/Length ", b"/Length 9"),
        "bad_flate.pdf": flate()[:300] + b"\x00\x13garbage" + flate()[310:],
        "cycle.pdf": build([b"<< /Type /Catalog /Pages 2 0 R >>",
                            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                            b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"]),
        "not_pdf.pdf": b"%PDF-1.4\nthis is not really a PDF (text) Tj\n%%EOF\n",
    })
    for name, data in sorted(seeds.items()):
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()

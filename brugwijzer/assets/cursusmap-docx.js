/* Brugwijzer: the course basket ("Mijn cursusmap") as an editable Word document, made in the browser.
   A minimal WordprocessingML package: fixed parts (styles in Dutch, nl-NL, A4, list numbering, a footer with page
   numbers) and a document body written from the chosen entries, zipped without compression. No server, no
   library, nothing fetched: it works from file:// and offline. */
(function () {
  "use strict";

  var W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  var XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  var BULLET_LIST = 1;
  var NUMBER_ABSTRACT = 1;
  var FIRST_NUMBERED = 10; /* numIds from here on are numbered lists that each restart at 1 */

  /* ---- zip (stored) ---- */

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = (c & 1) ? (0xEDB88320 ^ (c >>> 1)) : (c >>> 1); }
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) { crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8); }
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  function utf8(text) { return new TextEncoder().encode(text); }

  function zip(files) {
    /* files: [[name, text]]; returns a Uint8Array. Dates are fixed (1 January 1980) so equal input gives equal bytes. */
    var chunks = [], central = [], offset = 0;
    function header(size) { return { buffer: new ArrayBuffer(size) }; }
    files.forEach(function (file) {
      var name = utf8(file[0]), data = utf8(file[1]), crc = crc32(data);
      var local = header(30), v = new DataView(local.buffer);
      v.setUint32(0, 0x04034b50, true); v.setUint16(4, 20, true); v.setUint16(6, 0x0800, true);
      v.setUint16(8, 0, true); v.setUint16(10, 0, true); v.setUint16(12, 0x21, true);
      v.setUint32(14, crc, true); v.setUint32(18, data.length, true); v.setUint32(22, data.length, true);
      v.setUint16(26, name.length, true); v.setUint16(28, 0, true);
      chunks.push(new Uint8Array(local.buffer), name, data);
      var entry = header(46), c = new DataView(entry.buffer);
      c.setUint32(0, 0x02014b50, true); c.setUint16(4, 20, true); c.setUint16(6, 20, true);
      c.setUint16(8, 0x0800, true); c.setUint16(10, 0, true); c.setUint16(12, 0, true); c.setUint16(14, 0x21, true);
      c.setUint32(16, crc, true); c.setUint32(20, data.length, true); c.setUint32(24, data.length, true);
      c.setUint16(28, name.length, true); c.setUint32(42, offset, true);
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + data.length;
    });
    var centralSize = central.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, centralSize, true); end.setUint32(16, offset, true);
    var parts = chunks.concat(central, [new Uint8Array(end.buffer)]);
    var out = new Uint8Array(parts.reduce(function (sum, part) { return sum + part.length; }, 0));
    var at = 0;
    parts.forEach(function (part) { out.set(part, at); at += part.length; });
    return out;
  }

  /* ---- WordprocessingML ---- */

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function textRun(text, props) {
    return "<w:r>" + (props ? "<w:rPr>" + props + "</w:rPr>" : "") +
      '<w:t xml:space="preserve">' + esc(text) + "</w:t></w:r>";
  }

  function inlineRuns(text) {
    /* **bold** and *italic*, the emphasis the entries' Markdown uses */
    return String(text).split(/(\*\*[^*]+\*\*|\*[^*]+\*)/).map(function (part) {
      if (/^\*\*[^*]+\*\*$/.test(part)) { return textRun(part.slice(2, -2), "<w:b/>"); }
      if (/^\*[^*]+\*$/.test(part)) { return textRun(part.slice(1, -1), "<w:i/>"); }
      return part ? textRun(part) : "";
    }).join("");
  }

  function para(content, style, numId) {
    var props = "";
    if (style || numId) {
      props = "<w:pPr>" + (style ? '<w:pStyle w:val="' + style + '"/>' : "") +
        (numId ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="' + numId + '"/></w:numPr>' : "") + "</w:pPr>";
    }
    return "<w:p>" + props + content + "</w:p>";
  }

  function pointText(item) { return (item && typeof item === "object") ? String(item.text || "") : String(item); }

  function Body() {
    this.xml = [];
    this.links = [];
    this.numbered = 0;
  }

  Body.prototype.hyperlink = function (url, text) {
    this.links.push(url);
    return '<w:hyperlink r:id="rIdLink' + this.links.length + '">' + textRun(text, '<w:rStyle w:val="Hyperlink"/>') +
      "</w:hyperlink>";
  };

  Body.prototype.add = function (content, style, numId) { this.xml.push(para(content, style, numId)); };

  Body.prototype.numberedList = function (items) {
    this.numbered += 1;
    var numId = FIRST_NUMBERED + this.numbered - 1;
    var self = this;
    items.forEach(function (item) { self.add(inlineRuns(item), "Lijstnummer", numId); });
  };

  Body.prototype.markdown = function (text) {
    /* paragraphs; '- ' lines as bullets, '1. ' lines as a numbered list that starts at 1 */
    var self = this;
    String(text).trim().split(/\n\s*\n/).forEach(function (block) {
      var lines = block.split("\n").filter(function (line) { return line.trim(); });
      var plain = [], numbers = [];
      function flushPlain() { if (plain.length) { self.add(inlineRuns(plain.join(" "))); plain = []; } }
      function flushNumbers() { if (numbers.length) { self.numberedList(numbers); numbers = []; } }
      lines.forEach(function (line) {
        if (/^\s*[-*+] +/.test(line)) {
          flushPlain(); flushNumbers();
          self.add(inlineRuns(line.replace(/^\s*[-*+] +/, "")), "Lijstopsommingsteken", BULLET_LIST);
        } else if (/^\s*\d+[.)] +/.test(line)) {
          flushPlain();
          numbers.push(line.replace(/^\s*\d+[.)] +/, ""));
        } else {
          flushNumbers();
          plain.push(line.trim());
        }
      });
      flushPlain(); flushNumbers();
    });
  };

  function documentXml(body) {
    return XML + "<w:document " + W_NS + "><w:body>" + body.xml.join("") +
      '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>' +
      '<w:pgSz w:w="11906" w:h="16838"/>' +
      '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/>' +
      "</w:sectPr></w:body></w:document>";
  }

  function field(instruction) {
    return '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ' + instruction +
      ' </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + textRun("1") +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
  }

  function footerXml(text) {
    return XML + "<w:ftr " + W_NS + ">" + para(textRun(text + " · pagina ") + field("PAGE") + textRun(" van ") +
      field("NUMPAGES"), "Voettekst") + "</w:ftr>";
  }

  function style(id, name, type, extra) {
    return '<w:style w:type="' + type + '" w:styleId="' + id + '"><w:name w:val="' + name + '"/>' + (extra || "") +
      "</w:style>";
  }

  var STYLES = XML + "<w:styles " + W_NS + ">" +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" ' +
    'w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>' +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>' +
    "</w:pPrDefault></w:docDefaults>" +
    style("Standaard", "Normal", "paragraph", '<w:qFormat/>').replace("<w:style ", '<w:style w:default="1" ') +
    style("Titel", "Title", "paragraph", '<w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:qFormat/>' +
          '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:color w:val="17365D"/><w:sz w:val="48"/></w:rPr>') +
    style("Kop1", "heading 1", "paragraph", '<w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:qFormat/>' +
          '<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>' +
          '<w:rPr><w:b/><w:color w:val="365F91"/><w:sz w:val="30"/></w:rPr>') +
    style("Kop2", "heading 2", "paragraph", '<w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:qFormat/>' +
          '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr>' +
          '<w:rPr><w:b/><w:color w:val="4F81BD"/><w:sz w:val="25"/></w:rPr>') +
    style("Lijstopsommingsteken", "List Bullet", "paragraph", '<w:basedOn w:val="Standaard"/><w:pPr><w:numPr>' +
          '<w:numId w:val="' + BULLET_LIST + '"/></w:numPr><w:spacing w:after="60"/></w:pPr>') +
    style("Lijstnummer", "List Number", "paragraph", '<w:basedOn w:val="Standaard"/><w:pPr>' +
          '<w:spacing w:after="60"/></w:pPr>') +
    style("Voettekst", "footer", "paragraph", '<w:basedOn w:val="Standaard"/><w:rPr><w:sz w:val="18"/></w:rPr>') +
    style("Hyperlink", "Hyperlink", "character", '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>') +
    "</w:styles>";

  function level(format, text, indent) {
    return '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="' + format + '"/><w:lvlText w:val="' + text +
      '"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="' + indent + '" w:hanging="360"/></w:pPr></w:lvl>';
  }

  function numberingXml(numberedLists) {
    var nums = '<w:num w:numId="' + BULLET_LIST + '"><w:abstractNumId w:val="0"/></w:num>';
    for (var i = 0; i < numberedLists; i++) {
      nums += '<w:num w:numId="' + (FIRST_NUMBERED + i) + '"><w:abstractNumId w:val="' + NUMBER_ABSTRACT + '"/>' +
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>';
    }
    return XML + "<w:numbering " + W_NS + ">" +
      '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>' + level("bullet", "\u2022", 720) +
      "</w:abstractNum>" +
      '<w:abstractNum w:abstractNumId="' + NUMBER_ABSTRACT + '"><w:multiLevelType w:val="singleLevel"/>' +
      level("decimal", "%1.", 720) + "</w:abstractNum>" + nums + "</w:numbering>";
  }

  function relationships(links) {
    var rels = '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' +
      '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>' +
      '<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>';
    links.forEach(function (url, index) {
      rels += '<Relationship Id="rIdLink' + (index + 1) + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="' +
        esc(url) + '" TargetMode="External"/>';
    });
    return XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels +
      "</Relationships>";
  }

  var CONTENT_TYPES = XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' +
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    "</Types>";

  var PACKAGE_RELS = XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
    "</Relationships>";

  var SETTINGS = XML + "<w:settings " + W_NS + '><w:defaultTabStop w:val="708"/>' +
    '<w:characterSpacingControl w:val="doNotCompress"/><w:themeFontLang w:val="nl-NL"/></w:settings>';

  function coreXml(title, isoDate) {
    return XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      "<dc:title>" + esc(title) + "</dc:title><dc:subject>Selectie uit Brugwijzer</dc:subject>" +
      "<dc:creator>Brugwijzer</dc:creator><cp:keywords>Brugwijzer; cursusmap</cp:keywords>" +
      "<dc:language>nl-NL</dc:language>" +
      '<dcterms:created xsi:type="dcterms:W3CDTF">' + isoDate + "T00:00:00Z</dcterms:created>" +
      '<dcterms:modified xsi:type="dcterms:W3CDTF">' + isoDate + "T00:00:00Z</dcterms:modified>" +
      "</cp:coreProperties>";
  }

  var APP = XML + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
    "<Application>Brugwijzer</Application></Properties>";

  /* items: [{entry, parts: [{heading, value}], url}] in the reader's order;
     options: {title, date (Dutch, for the footer), isoDate (YYYY-MM-DD)} */
  function build(items, options) {
    var body = new Body();
    body.add(textRun(options.title), "Titel");
    body.add(inlineRuns("Een selectie uit Brugwijzer, samengesteld op " + options.date + "."));
    items.forEach(function (item, index) {
      var entry = item.entry;
      body.add(textRun((index + 1) + ". " + entry.title), "Kop1");
      var label = textRun(entry.kind_label, "<w:i/>") + textRun(" · ");
      label += item.url ? body.hyperlink(item.url, "lees de pagina op Brugwijzer")
                        : textRun("op Brugwijzer: " + entry.url);
      body.add(label);
      body.markdown(entry.summary);
      item.parts.forEach(function (part) {
        if (part.heading) { body.add(textRun(part.heading), "Kop2"); }
        if (Array.isArray(part.value)) {
          part.value.forEach(function (point) {
            body.add(inlineRuns(pointText(point)), "Lijstopsommingsteken", BULLET_LIST);
          });
        } else {
          body.markdown(part.value);
        }
      });
      var sources = (entry.sources || []).map(function (s) { return s.title + ", § " + s.section; });
      sources = sources.filter(function (s, at) { return sources.indexOf(s) === at; });
      if (sources.length) { body.add(textRun("Bronnen: " + sources.join("; "), "<w:i/>")); }
    });
    return zip([
      ["[Content_Types].xml", CONTENT_TYPES],
      ["_rels/.rels", PACKAGE_RELS],
      ["docProps/core.xml", coreXml(options.title, options.isoDate)],
      ["docProps/app.xml", APP],
      ["word/document.xml", documentXml(body)],
      ["word/_rels/document.xml.rels", relationships(body.links)],
      ["word/styles.xml", STYLES],
      ["word/numbering.xml", numberingXml(body.numbered)],
      ["word/settings.xml", SETTINGS],
      ["word/footer1.xml", footerXml(options.title + " · Brugwijzer · " + options.date)]
    ]);
  }

  window.BrugwijzerDocx = { build: build, zip: zip, crc32: crc32 };
})();

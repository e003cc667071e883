/// The fixed parts of the .docx package: content types, relationships, styles, settings, fonts and footers.
enum DocxXML {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relHyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    static let relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."

    static let contentTypes = declaration + """
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="\(wml)document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="\(wml)styles+xml"/>\
    <Override PartName="/word/settings.xml" ContentType="\(wml)settings+xml"/>\
    <Override PartName="/word/fontTable.xml" ContentType="\(wml)fontTable+xml"/>\
    <Override PartName="/word/footer1.xml" ContentType="\(wml)footer+xml"/>\
    <Override PartName="/word/footer2.xml" ContentType="\(wml)footer+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
    </Types>
    """

    static let packageRels = declaration + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="\(relBase)officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    <Relationship Id="rId3" Type="\(relBase)extended-properties" Target="docProps/app.xml"/>\
    </Relationships>
    """

    static func documentRels(extra: String) -> String {
        declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rIdStyles" Type="\(relBase)styles" Target="styles.xml"/>\
        <Relationship Id="rIdSettings" Type="\(relBase)settings" Target="settings.xml"/>\
        <Relationship Id="rIdFonts" Type="\(relBase)fontTable" Target="fontTable.xml"/>\
        <Relationship Id="rIdFooterOdd" Type="\(relBase)footer" Target="footer1.xml"/>\
        <Relationship Id="rIdFooterEven" Type="\(relBase)footer" Target="footer2.xml"/>\
        \(extra)</Relationships>
        """
    }

    /// Title, language and date (the document's date at midnight, so the same document gives the same bytes).
    static func core(_ doc: OfficialDocument) -> String {
        let created = doc.header.date.map {
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\($0)T00:00:00+08:00</dcterms:created>"
        } ?? ""
        return declaration + """
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(XMLText.escape(doc.title))</dc:title><dc:creator>yuqing</dc:creator>\
        <dc:language>\(doc.language == .zh ? "zh-CN" : "en")</dc:language>\(created)</cp:coreProperties>
        """
    }

    static let app = declaration + """
    <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>yuqing</Application></Properties>
    """

    /// Settings: odd and even footers differ; punctuation is not compressed (each mark takes a full character, as
    /// the 28-character line needs).
    static let settings = declaration + """
    <w:settings xmlns:w="\(w)"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>\
    <w:characterSpacingControl w:val="doNotCompress"/>\
    <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
    <w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>
    """

    /// The official faces with their English names and GB2312 character set, so Word or WPS without one of them
    /// substitutes a similar face.
    static let fontTable: String = {
        let fonts: [(String, String, String)] = [
            ("仿宋", "FangSong", "modern"), ("黑体", "SimHei", "modern"), ("楷体", "KaiTi", "modern"),
            ("宋体", "SimSun", "auto"), ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "auto"),
        ]
        let entries = fonts.map { name, alt, family in
            "<w:font w:name=\"\(name)\"><w:altName w:val=\"\(alt)\"/><w:charset w:val=\"86\"/><w:family w:val=\"\(family)\"/><w:pitch w:val=\"fixed\"/></w:font>"
        }.joined()
        return declaration + "<w:fonts xmlns:w=\"\(w)\">\(entries)<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    }()

    /// `— 1 —` in 4号宋体, one character in from the right on odd pages and from the left on even ones.
    static func footer(odd: Bool) -> String {
        let indent = odd ? "<w:ind w:right=\"280\"/>" : "<w:ind w:left=\"280\"/>"
        return declaration + """
        <w:ftr xmlns:w="\(w)" xmlns:r="\(r)"><w:p><w:pPr><w:pStyle w:val="Footer"/>\(indent)<w:jc w:val="\(odd ? "right" : "left")"/></w:pPr>\
        <w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
        <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>\
        <w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
        """
    }

    /// Run fonts: the Chinese face for everything in a Chinese document (digits and the quotes “” as the text
    /// expects, the way official templates set them); Times New Roman for Latin text in an English one.
    static func fonts(_ eastAsia: String, _ lang: Language, latin: String = "Times New Roman") -> String {
        let l = lang == .zh ? eastAsia : latin
        return "<w:rFonts w:ascii=\"\(l)\" w:eastAsia=\"\(eastAsia)\" w:hAnsi=\"\(l)\" w:cs=\"\(l)\"/>"
    }

    static func style(_ id: String, _ name: String, basedOn: String? = "Normal", pPr: String = "", rPr: String = "",
                      type: String = "paragraph") -> String {
        "<w:style w:type=\"\(type)\" w:customStyle=\"1\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
            + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "") + "<w:qFormat/>"
            + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + (rPr.isEmpty ? "" : "<w:rPr>\(rPr)</w:rPr>") + "</w:style>"
    }

    /// The styles: Normal is 3号仿宋 on the 28.95 pt line, justified, condensed to 28 characters a line in Chinese.
    static func styles(_ lang: Language) -> String {
        let line = PageLayout.lineTwips
        let exact = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"\(line)\" w:lineRule=\"exact\"/>"
        let condense = lang == .zh ? "<w:spacing w:val=\"-\(PageLayout.condenseTwips)\"/>" : ""
        let noCondense = "<w:spacing w:val=\"0\"/>"
        let indent = "<w:ind w:firstLine=\"\(2 * (lang == .zh ? PageLayout.charTwips : 320))\"/>"
        let single = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
        let title = "方正小标宋简体"
        let defaults = "<w:docDefaults><w:rPrDefault><w:rPr>\(fonts("仿宋", lang))<w:kern w:val=\"0\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
            // Latin text is tagged English, Chinese text Chinese, as in Word's own template on Chinese Windows: with
            // Latin text tagged zh-CN LibreOffice broke times and numbers anywhere (`2020-01-07 1` / `1:30`).
            + "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:widowControl/><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>\(exact)<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        let normal = "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/></w:pPr><w:rPr>\(condense)</w:rPr></w:style>"
        let defaultFont = "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>"
        let styles = [
            normal, defaultFont,
            style("BodyText", lang == .zh ? "正文文字" : "Body Text", pPr: indent),
            style("DocTitle", lang == .zh ? "公文标题" : "Document Title", pPr: "<w:keepNext/><w:jc w:val=\"center\"/>",
                  rPr: fonts(title, lang) + noCondense + "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>"),
            style("Heading1", lang == .zh ? "一级标题" : "Heading 1", basedOn: "BodyText", pPr: "<w:keepNext/><w:outlineLvl w:val=\"0\"/>",
                  rPr: fonts("黑体", lang)),
            style("Heading2", lang == .zh ? "二级标题" : "Heading 2", basedOn: "BodyText", pPr: "<w:keepNext/><w:outlineLvl w:val=\"1\"/>",
                  rPr: fonts("楷体", lang)),
            style("Issuer", lang == .zh ? "发文机关标志" : "Masthead", pPr: "<w:keepNext/><w:jc w:val=\"center\"/>",
                  rPr: fonts(title, lang) + "<w:color w:val=\"FF0000\"/>" + noCondense),
            style("DocNumber", lang == .zh ? "发文字号" : "Document Number", pPr: "<w:keepNext/><w:jc w:val=\"center\"/>"),
            style("Mark", lang == .zh ? "密级和紧急程度" : "Classification", pPr: "<w:jc w:val=\"left\"/>", rPr: fonts("黑体", lang)),
            style("Addressee", lang == .zh ? "主送机关" : "Addressees", pPr: "<w:jc w:val=\"left\"/>"),
            style("Signature", lang == .zh ? "署名和成文日期" : "Signature", pPr: "<w:keepLines/><w:jc w:val=\"left\"/>"),
            style("TableText", lang == .zh ? "表格文字" : "Table Text", pPr: single + "<w:jc w:val=\"left\"/>",
                  rPr: noCondense + "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"),
            style("TableHeader", lang == .zh ? "表头" : "Table Header", basedOn: "TableText", pPr: "<w:keepNext/><w:jc w:val=\"center\"/>",
                  rPr: fonts("黑体", lang)),
            style("Foot", lang == .zh ? "版记" : "Distribution", pPr: "<w:jc w:val=\"left\"/>",
                  rPr: noCondense + "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"),
            style("Footer", lang == .zh ? "页脚" : "Footer", pPr: single,
                  rPr: fonts("宋体", lang, latin: "宋体") + noCondense + "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"),
            style("Hyperlink", "Hyperlink", basedOn: "DefaultParagraphFont", rPr: "<w:color w:val=\"000000\"/>", type: "character"),
            style("Code", lang == .zh ? "代码" : "Code", basedOn: "DefaultParagraphFont",
                  rPr: "<w:rFonts w:ascii=\"Consolas\" w:eastAsia=\"仿宋\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/>" + noCondense + "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", type: "character"),
        ]
        return declaration + "<w:styles xmlns:w=\"\(w)\">\(defaults)\(styles.joined())</w:styles>"
    }
}

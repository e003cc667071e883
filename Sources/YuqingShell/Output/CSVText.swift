import YuqingCore
/// CSV fields as RFC 4180 writes them: a field holding a comma, a double quote, a carriage return or a line feed is
/// quoted, its quotes doubled; fields are separated by commas and rows end with a line feed.
enum CSVText {
    /// One CSV line. Control and bidi characters are written as visible text (`\x1B`, `\u{202E}`, `VisibleText`),
    /// as on a screen and in documents: a spreadsheet does not show them, and a bidi override would reorder what a
    /// reader sees in the cell (CVE-2021-42574), so hostile text never reaches a spreadsheet raw. TAB and LF stay.
    static func append(_ fields: [String], to out: inout String) {
        for (i, field) in fields.enumerated() {
            let f = VisibleText.escape(field)
            if i > 0 { out += "," }
            if f.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) {
                out += "\""
                out += f.replacingOccurrences(of: "\"", with: "\"\"")
                out += "\""
            } else {
                out += f
            }
        }
        out += "\n"
    }
}

/// CSV fields as RFC 4180 writes them: a field holding a comma, a double quote, a carriage return or a line feed is
/// quoted, its quotes doubled; fields are separated by commas and rows end with a line feed.
enum CSVText {
    static func append(_ fields: [String], to out: inout String) {
        for (i, f) in fields.enumerated() {
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

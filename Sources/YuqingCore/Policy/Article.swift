/// Article references as the policy writes them (`8 ¶2`) and as people cite them: `Art. 8 ¶2` / `第八条第二款`.
/// A reference that is not of that shape (`国办发〔2016〕61号`) is shown as written in both languages.
public enum Article {
    public static func cite(_ article: String) -> Localized {
        let parts = article.split(separator: " ")
        if parts.count == 1, let a = Int(parts[0]), a > 0 {
            return Localized(zh: "第\(chineseNumber(a))条", en: "Art. \(a)")
        }
        if parts.count == 2, let a = Int(parts[0]), a > 0, parts[1].hasPrefix("¶"),
           let p = Int(parts[1].dropFirst()), p > 0 {
            return Localized(zh: "第\(chineseNumber(a))条第\(chineseNumber(p))款", en: "Art. \(a) ¶\(p)")
        }
        return Localized(article)
    }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; larger numbers stay in digits.
    public static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 0...9: return digits[n]
        case 10...19: return "十" + (n == 10 ? "" : digits[n - 10])
        case 20...99: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        default: return "\(n)"
        }
    }
}

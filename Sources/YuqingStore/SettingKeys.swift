/// The keys of the stored settings (`meta`) that decide what yuqing computes, spelt once: the shell writes them,
/// `audit verify` checks them against the log (`StoreAudit.verifySettings`).
public enum SettingKeys {
    /// The profile `policy use` put in force: a built-in profile's name, or `file:` and the file's text.
    public static let policy = "policy"
    /// The digest of the rules the stored deadlines were computed under (`Policy.deadlineDigest`); absent when they
    /// were only ever computed under the default profile.
    public static let rulesDigest = "projections.rules"
    /// The score formula saved with `score formula` (absent: the profile's), and the name its change is logged under.
    public static let scoreFormula = "score-formula"
}

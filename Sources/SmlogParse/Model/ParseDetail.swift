/// How much of each line the parser reads.
///
/// Most lines of a busy log are STARTTLS and AUTH summaries, whose fields only the report uses.
/// `smlog records` reads them at `.envelope` detail, which saves about a fifth of its parsing.
public enum ParseDetail: Sendable {
    /// Every field of every line.
    case full
    /// Every line is classified exactly as at `.full`, and every line except the STARTTLS and
    /// AUTH summaries (`STARTTLS=side, relay=…`, `AUTH=side, relay=…`) is parsed in full.
    /// Those summaries are recognised by their leading words: kind `.tls` or `.auth` and their
    /// side, with no fields. At `.full`, a summary without `version=` (STARTTLS) or `mech=` (AUTH)
    /// is an `.info` line, and an AUTH summary may also be a failure.
    case envelope
}

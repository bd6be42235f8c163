/// What `SendmailMessageParser` made of one sendmail message.
public enum SendmailMessage {
    /// A message of a known shape.
    case understood(ParsedLine)
    /// One part of a message sendmail split itself (`QID[n]: … ...`); join the parts first.
    case splitPart(SplitPart)
    /// Not a sendmail message shape (the caller counts the line as unrecognized).
    case notUnderstood
}

/// One part of a long message that sendmail split into `ID[1]: … ...`, `ID[2]: …` lines.
public struct SplitPart: Equatable, Sendable {
    /// The queue id, or the `NOQUEUE` word, without `[n]`; empty for no-id messages (`[1]: …`).
    public var id: ByteRange
    /// True for `NOQUEUE[n]:`.
    public var noQueue: Bool
    /// The part number `n` (1 for the first part).
    public var number: Int
    /// This part's share of the message, without the ` ...` that marks a non-final part.
    public var body: ByteRange
    /// True when the part ended with ` ...`: more parts follow.
    public var continues: Bool
    /// True for sendmail's `ID[999]: log terminated, too many parts` line.
    public var terminatesTooManyParts: Bool

    public init(
        id: ByteRange, noQueue: Bool, number: Int, body: ByteRange, continues: Bool,
        terminatesTooManyParts: Bool = false
    ) {
        self.id = id
        self.noQueue = noQueue
        self.number = number
        self.body = body
        self.continues = continues
        self.terminatesTooManyParts = terminatesTooManyParts
    }
}

@available(*, unavailable)
extension SendmailMessage: Sendable {}

/// One understood sendmail line, as byte ranges into `bytes`. Valid only during the callback
/// that receives it (see `LineBytes`).
public struct ParsedLine {
    public var bytes: LineBytes
    public var header: SyslogHeader
    /// Queue id (without any `[n]` part suffix); empty for NOQUEUE and no-id lines.
    public var qid: ByteRange
    /// True when the line said `NOQUEUE:`.
    public var noQueue: Bool
    public var kind: EventKind
    public var session: SessionEvent = .none
    public var notice: NoticeKind = .dsn
    public var rejectAction: RejectAction = .none
    public var side: Side = .none
    public var authOutcome: AuthOutcome = .none
    /// A `to=` line that ended its recipient list with ` [more]`.
    public var moreRecipients: Bool = false
    public var fields: InlineArray<40, ByteRange>
    /// Unknown `key=value` pairs, kept in order (first `extraCount` slots are valid; more
    /// than the slots hold are counted in `extraCount` but not stored).
    public var extraKeys: InlineArray<4, ByteRange>
    public var extraValues: InlineArray<4, ByteRange>
    public var extraCount: Int

    public init(bytes: LineBytes, header: SyslogHeader, kind: EventKind) {
        self.bytes = bytes
        self.header = header
        self.qid = .empty
        self.noQueue = false
        self.kind = kind
        self.fields = InlineArray(repeating: .empty)
        self.extraKeys = InlineArray(repeating: .empty)
        self.extraValues = InlineArray(repeating: .empty)
        self.extraCount = 0
    }

    @inlinable
    public subscript(_ field: Field) -> ByteRange {
        get { fields[field.rawValue] }
        set { fields[field.rawValue] = newValue }
    }

    /// True when `field` is present (non-empty).
    @inlinable
    public func has(_ field: Field) -> Bool { !fields[field.rawValue].isEmpty }

    public mutating func addExtra(key: ByteRange, value: ByteRange) {
        if extraCount < 4 {
            extraKeys[extraCount] = key
            extraValues[extraCount] = value
        }
        extraCount += 1
    }
}

@available(*, unavailable)
extension ParsedLine: Sendable {}

/// A byte string worth looking for in the raw input while tracing: a queue id, a Message-ID or
/// an address found so far. The CLI hands these to the input stage's prefilter.
public struct TraceToken: Hashable, Sendable {
    public var bytes: [UInt8]
    /// Compare ignoring ASCII case (addresses).
    public var caseInsensitive: Bool
    /// True when no earlier line can hold it: a notice, clone or split child is named first by
    /// the line that creates it.
    public var firstAppearsHere: Bool

    public init(_ bytes: [UInt8], caseInsensitive: Bool = false, firstAppearsHere: Bool = false) {
        self.bytes = bytes
        self.caseInsensitive = caseInsensitive
        self.firstAppearsHere = firstAppearsHere
    }
}

/// A byte string worth looking for in the raw input while tracing: a queue id, a Message-ID or
/// an address found so far. The CLI hands these to the input stage's prefilter.
public struct TraceToken: Hashable, Sendable {
    public var bytes: [UInt8]
    /// Compare ignoring ASCII case (addresses).
    public var caseInsensitive: Bool
    /// True when no earlier line can hold it: a notice, clone or split child is named first by
    /// the line that creates it.
    public var firstAppearsHere: Bool
    /// No line older than this can hold it (local wall-clock seconds, as
    /// `TraceDiscovery.chunkTime` gives them): a sendmail queue id is not older than the time
    /// it encodes, less an hour of slack.
    public var notBefore: Int64?

    public init(_ bytes: [UInt8], caseInsensitive: Bool = false, firstAppearsHere: Bool = false, notBefore: Int64? = nil) {
        self.bytes = bytes
        self.caseInsensitive = caseInsensitive
        self.firstAppearsHere = firstAppearsHere
        self.notBefore = notBefore
    }
}

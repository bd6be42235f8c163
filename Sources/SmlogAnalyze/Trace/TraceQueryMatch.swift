import SmlogParse

/// Does one parsed line name what the trace asks for?
struct TraceQueryMatch {
    let query: TraceQuery
    private let bytes: [UInt8]

    init(_ query: TraceQuery) {
        self.query = query
        self.bytes = Array(query.text.utf8)
    }

    /// True when `line` is about the queried id: its own queue id (or a child or next-hop id
    /// it names) for a queue id, its `msgid=` for a Message-ID, its `from=` or one of its `to=`
    /// addresses for an address.
    func matches(_ line: ParsedLine) -> Bool {
        switch query.kind {
        case .qid: return namesQueueID(line)
        case .msgid: return hasMessageID(line)
        case .address: return hasAddress(line)
        case .msgidOrAddress: return hasMessageID(line) || hasAddress(line)
        }
    }

    /// Which kind of match a line is (for `msgidOrAddress`, the one that held).
    func matchedKind(_ line: ParsedLine) -> TraceQuery.Kind? {
        switch query.kind {
        case .qid: return namesQueueID(line) ? .qid : nil
        case .msgid: return hasMessageID(line) ? .msgid : nil
        case .address: return hasAddress(line) ? .address : nil
        case .msgidOrAddress:
            if hasMessageID(line) { return .msgid }
            return hasAddress(line) ? .address : nil
        }
    }

    private func namesQueueID(_ line: ParsedLine) -> Bool {
        let text = line.bytes
        if !line.noQueue, TraceBytes.equal(text.slice(line.qid), bytes) { return true }
        switch line.kind {
        case .notice, .clone:
            return TraceBytes.equal(text.slice(line[.newQid]), bytes)
        case .split:
            var found = false
            TraceBytes.forEachElement(text.slice(line[.ids]), separator: UInt8(ascii: ";")) { id in
                if TraceBytes.equal(id, bytes) { found = true }
            }
            return found
        case .delivery:
            guard let next = TraceBytes.downstreamQueueID(text.slice(line[.stat])) else { return false }
            return TraceBytes.equal(next, bytes)
        default:
            return false
        }
    }

    private func hasMessageID(_ line: ParsedLine) -> Bool {
        guard line.kind == .received else { return false }
        return TraceBytes.equal(TraceBytes.messageID(line.bytes.slice(line[.msgid])), bytes)
    }

    private func hasAddress(_ line: ParsedLine) -> Bool {
        let text = line.bytes
        switch line.kind {
        case .received:
            return TraceBytes.equalIgnoringCase(TraceBytes.address(text.slice(line[.from])), bytes)
        case .delivery:
            var found = false
            TraceBytes.forEachElement(text.slice(line[.to]), separator: UInt8(ascii: ",")) { element in
                if TraceBytes.equalIgnoringCase(TraceBytes.address(element), bytes) { found = true }
            }
            return found
        default:
            return false
        }
    }
}

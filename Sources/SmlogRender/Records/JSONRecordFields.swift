import SmlogParse

/// Writes a record's fields as the members of one JSON object (`{"recipient":…,…}`), each
/// preceded by its key. Everything here is inlined into `RecordWriter` with the field known,
/// so each key is a constant a few stores write.
struct JSONRecordFields: RecordFieldVisitor {
    var out: ByteCursor
    private let times: ISO8601TimeCache

    init(out: ByteCursor, times: ISO8601TimeCache) {
        self.out = out
        self.times = times
    }

    @inline(__always)
    mutating func text(_ field: RecordField, _ value: String?) {
        out.append(field.jsonKey)
        guard let value else { return out.append("null") }
        JSONText.appendString(value, to: &out)
    }

    @inline(__always)
    mutating func word(_ field: RecordField, _ value: StaticString?) {
        out.append(field.jsonKey)
        guard let value else { return out.append("null") }
        out.appendQuoted(value)
    }

    @inline(__always)
    mutating func number(_ field: RecordField, _ value: Int?) {
        out.append(field.jsonKey)
        guard let value else { return out.append("null") }
        JSONText.appendInteger(value, to: &out)
    }

    @inline(__always)
    mutating func time(_ field: RecordField, _ value: LogTime?) {
        out.append(field.jsonKey)
        guard let value else { return out.append("null") }
        out.reserve(2 + ISO8601Time.maximumLength)
        out.append(UInt8(ascii: "\""))
        times.append(value, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    mutating func list(_ field: RecordField, _ values: [String]) {
        out.append(field.jsonKey)
        out.reserve(1)
        out.append(UInt8(ascii: "["))
        values.withUnsafeBufferPointer { values in
            for i in values.indices {
                if i > 0 {
                    out.reserve(1)
                    out.append(UInt8(ascii: ","))
                }
                JSONText.appendString(values[i], to: &out)
            }
        }
        out.reserve(1)
        out.append(UInt8(ascii: "]"))
    }

    /// Closes the object and the line.
    @inline(__always)
    mutating func finish() {
        out.append("}\n")
    }
}

extension RecordField {
    /// What precedes the field's value in a JSON record: `{"recipient":` for the first field,
    /// `,"name":` for the others (tested against the column names).
    @inline(__always)
    var jsonKey: StaticString {
        switch self {
        case .recipient: #"{"recipient":"#
        case .sender: #","sender":"#
        case .status: #","status":"#
        case .kind: #","kind":"#
        case .notice: #","notice":"#
        case .qids: #","qids":"#
        case .parent_qid: #","parent_qid":"#
        case .msgid: #","msgid":"#
        case .host: #","host":"#
        case .size: #","size":"#
        case .received: #","received":"#
        case .completed: #","completed":"#
        case .attempts: #","attempts":"#
        case .deferrals: #","deferrals":"#
        case .relay: #","relay":"#
        case .mailer: #","mailer":"#
        case .dsn: #","dsn":"#
        case .delay: #","delay":"#
        case .xdelay: #","xdelay":"#
        case .stat: #","stat":"#
        case .reply: #","reply":"#
        case .client_relay: #","client_relay":"#
        case .proto: #","proto":"#
        case .downstream_qid: #","downstream_qid":"#
        }
    }
}

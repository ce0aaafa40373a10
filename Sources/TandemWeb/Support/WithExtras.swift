/// A record sent as one JSON object with more fields beside its own (a meeting with its actions,
/// a plan with its actions, an invitation with its answer): the record's keys, then the extras'.
struct WithExtras<Record: Encodable, Extras: Encodable>: Encodable {
    var record: Record
    var extras: Extras

    init(_ record: Record, _ extras: Extras) {
        self.record = record
        self.extras = extras
    }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        try extras.encode(to: encoder)
    }
}

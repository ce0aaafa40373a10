import Foundation
import SQLKit
import TandemCore

/// Meetings in `meetings`; the action items of meetings and plans in `action_items`.
public struct SQLMeetingStore: MeetingStore, ActionItemStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    struct MeetingRow: Codable, Sendable {
        var id: UUID
        var title: String
        var held_on: String
        var department_ids: String
        var attendee_ids: String
        var minutes: String
        var recorded_by: UUID
        var created_at: Date

        init(_ meeting: Meeting) throws {
            id = meeting.id.rawValue
            title = meeting.title
            held_on = meeting.heldOn.description
            department_ids = try JSONText.encode(meeting.departmentIDs)
            attendee_ids = try JSONText.encode(meeting.attendeeIDs)
            minutes = meeting.minutes
            recorded_by = meeting.recordedBy.rawValue
            created_at = meeting.createdAt.storable
        }

        func meeting() throws -> Meeting {
            Meeting(
                id: .init(id), title: title, heldOn: try CalendarDate(held_on).orThrow(CorruptColumn(column: "held_on", value: held_on)),
                departmentIDs: try JSONText.decode([Department.ID].self, from: department_ids),
                attendeeIDs: try JSONText.decode([Person.ID].self, from: attendee_ids), minutes: minutes, recordedBy: .init(recorded_by),
                createdAt: created_at)
        }
    }

    struct ItemRow: Codable, Sendable {
        var id: UUID
        var parent_kind: String
        var parent_id: UUID
        var title: String
        var owner_id: UUID
        var due_on: String?
        var status: String
        var created_at: Date
        var updated_at: Date

        init(_ item: ActionItem) {
            id = item.id.rawValue
            parent_kind = item.parent.kind
            parent_id = item.parent.id
            title = item.title
            owner_id = item.ownerID.rawValue
            due_on = item.dueOn?.description
            status = item.status.rawValue
            created_at = item.createdAt.storable
            updated_at = item.updatedAt.storable
        }

        var item: ActionItem {
            ActionItem(
                id: .init(id), parent: parent_kind == "plan" ? .plan(.init(parent_id)) : .meeting(.init(parent_id)), title: title,
                ownerID: .init(owner_id), dueOn: due_on.flatMap(CalendarDate.init), status: .init(rawValue: status) ?? .open,
                createdAt: created_at, updatedAt: updated_at)
        }
    }

    public func insert(_ meeting: Meeting) async throws {
        let row = try MeetingRow(meeting)
        try await database.write { sql in try await sql.insertRow(row, into: "meetings") }
    }

    public func update(_ meeting: Meeting) async throws {
        let row = try MeetingRow(meeting)
        _ = try await database.write { sql in try await sql.updateRow(row, in: "meetings", id: row.id) }
    }

    public func meeting(_ id: Meeting.ID) async throws -> Meeting? {
        try await database.read { sql in
            try await sql.select().column("*").from("meetings").where("id", .equal, id.rawValue).firstRow(MeetingRow.self)?.meeting()
        }
    }

    public func meetings(limit: Int) async throws -> [Meeting] {
        try await database.read { sql in
            try await sql.select().column("*").from("meetings").orderBy("held_on", .descending).orderBy("created_at", .descending)
                .limit(limit).allRows(MeetingRow.self).map { try $0.meeting() }
        }
    }

    public func insert(_ item: ActionItem) async throws {
        try await database.write { sql in try await sql.insertRow(ItemRow(item), into: "action_items") }
    }

    public func update(_ item: ActionItem) async throws {
        _ = try await database.write { sql in try await sql.updateRow(ItemRow(item), in: "action_items", id: item.id.rawValue) }
    }

    public func item(_ id: ActionItem.ID) async throws -> ActionItem? {
        try await database.read { sql in
            try await sql.select().column("*").from("action_items").where("id", .equal, id.rawValue).firstRow(ItemRow.self)?.item
        }
    }

    public func items(of parent: ActionItem.Parent) async throws -> [ActionItem] {
        try await database.read { sql in
            try await sql.select().column("*").from("action_items").where("parent_id", .equal, parent.id).where(
                "parent_kind", .equal, parent.kind
            )
            .orderBy("created_at").allRows(ItemRow.self).map(\.item)
        }
    }
}

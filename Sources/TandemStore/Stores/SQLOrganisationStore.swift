import Foundation
import SQLKit
import TandemCore

/// Departments and people in SQL.
public struct SQLOrganisationStore: OrganisationStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    public func department(_ id: Department.ID) async throws -> Department? {
        guard id.rawValue != SystemRecords.id else { return nil }
        return try await database.read { sql in
            try await sql.select().column("*").from("departments").where("id", .equal, id.rawValue)
                .firstRow(DepartmentRow.self)?.department
        }
    }

    public func departments() async throws -> [Department] {
        let (cached, generation) = database.departments.entry(for: "all")
        if let cached { return cached }
        let departments = try await database.read { sql in
            try await sql.select().column("*").from("departments").where("id", .notEqual, SystemRecords.id).orderBy("name")
                .allRows(DepartmentRow.self).map(\.department)
        }
        database.departments.remember(departments, for: "all", generation: generation)
        return departments
    }

    public func insert(_ department: Department) async throws {
        defer { database.departments.forgetAll() }
        try await database.write { sql in try await sql.insertRow(DepartmentRow(department), into: "departments") }
    }

    public func update(_ department: Department) async throws {
        defer { database.departments.forgetAll() }
        let changed = try await database.write { sql in
            try await sql.updateRow(DepartmentRow(department), in: "departments", id: department.id.rawValue)
        }
        if changed == 0 { throw TandemError.notFound("department") }
    }

    public func dependents(of department: Department.ID) async throws -> DepartmentDependents {
        struct Count: Decodable { var count: Int }
        let open = NeedStatus.allCases.filter(\.isOpen).map(\.rawValue)
        let id = department.rawValue
        return try await database.read { sql in
            // NB: one count per side, each served by its (department, status) index.
            let raised =
                try await sql.raw(
                    "SELECT COUNT(*) AS count FROM needs WHERE requesting_department_id = \(bind: id) AND status IN (\(binds: open))"
                ).firstRow(Count.self)?.count ?? 0
            let served =
                try await sql.raw(
                    """
                    SELECT COUNT(*) AS count FROM needs
                    WHERE providing_department_id = \(bind: id) AND requesting_department_id <> \(bind: id) AND status IN (\(binds: open))
                    """
                ).firstRow(Count.self)?.count ?? 0
            let people =
                try await sql.raw("SELECT COUNT(*) AS count FROM people WHERE department_id = \(bind: id) AND is_active")
                .firstRow(Count.self)?.count ?? 0
            let children =
                try await sql.raw("SELECT COUNT(*) AS count FROM departments WHERE parent_id = \(bind: id) AND is_active")
                .firstRow(Count.self)?.count ?? 0
            return DepartmentDependents(openNeeds: raised + served, activePeople: people, activeDepartments: children)
        }
    }

    public func person(_ id: Person.ID) async throws -> Person? {
        guard id.rawValue != SystemRecords.id else { return nil }
        return try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: PersonRow.columnList) FROM people WHERE id = \(bind: id.rawValue)")
                .firstRow(PersonRow.self)?.person
        }
    }

    public func person(login: String) async throws -> Person? {
        try await database.read { sql in
            try await sql.select().columns(PersonRow.columns.map { SQLIdentifier($0) }).from("people")
                .where("login", .equal, login).where("id", .notEqual, SystemRecords.id).firstRow(PersonRow.self)?.person
        }
    }

    public func people(in department: Department.ID?) async throws -> [Person] {
        let key = department?.rawValue.uuidString ?? "all"
        let (cached, generation) = database.departmentPeople.entry(for: key)
        if let cached { return cached }
        let people = try await database.read { sql in
            var query = sql.select().columns(PersonRow.columns.map { SQLIdentifier($0) }).from("people").where(
                "id", .notEqual, SystemRecords.id)
            if let department { query = query.where("department_id", .equal, department.rawValue) }
            return try await query.orderBy("login").allRows(PersonRow.self).map(\.person)
        }
        database.departmentPeople.remember(people, for: key, generation: generation)
        return people
    }

    public func people(_ ids: [Person.ID]) async throws -> [Person] {
        let ids = ids.filter { $0.rawValue != SystemRecords.id }
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: PersonRow.columnList) FROM people WHERE id IN (\(binds: ids.map(\.rawValue)))")
                .allRows(PersonRow.self).map(\.person)
        }
    }

    public func findPeople(_ patterns: [String], among filter: PeopleFilter, limit: Int, offset: Int) async throws -> [Person] {
        try await database.read { sql in
            var query = sql.select().columns(PersonRow.columns.map { SQLIdentifier($0) }).from("people")
                .where("id", .notEqual, SystemRecords.id)
            if !patterns.isEmpty {
                query = query.where(
                    SQLGroupExpression(
                        patterns.map { SQLQueryString("search_key LIKE \(bind: "%" + NeedListing.escapeLike($0) + "%") ESCAPE '\\'") }
                            .reduce(nil) { (all: (any SQLExpression)?, one: any SQLExpression) in
                                all.map { SQLBinaryExpression($0, .or, one) } ?? one
                            }!))
            }
            if let department = filter.department { query = query.where("department_id", .equal, department.rawValue) }
            if filter.activeOnly { query = query.where("is_active", .equal, true) }
            if filter.servingOnly {
                query = query.where(SQLQueryString("(roles LIKE '%agent%' OR roles LIKE '%manager%')"))
            }
            if let first = patterns.first {
                query = query.orderBy(
                    SQLQueryString(
                        "CASE WHEN login = \(bind: first) THEN 0 WHEN search_key LIKE \(bind: NeedListing.escapeLike(first) + "%") ESCAPE '\\' THEN 1 ELSE 2 END"
                    ))
            }
            return try await query.orderBy("display_name").orderBy("login").limit(limit).offset(offset)
                .allRows(PersonRow.self).map(\.person)
        }
    }

    public func insert(_ person: Person, passwordHash: String?) async throws {
        defer { database.departmentPeople.forgetAll() }
        try await database.write { sql in
            try await sql.insertRow(PersonRow(person), into: "people")
            if let passwordHash {
                try await sql.update("people").set("password_hash", to: passwordHash).where("id", .equal, person.id.rawValue).run()
            }
        }
    }

    public func update(_ person: Person) async throws {
        defer {
            database.credentials.forgetAll()
            database.departmentPeople.forgetAll()
        }
        let changed = try await database.write { sql in
            try await sql.updateRow(PersonRow(person), in: "people", id: person.id.rawValue)
        }
        if changed == 0 { throw TandemError.notFound("person") }
    }

    public func passwordHash(of person: Person.ID) async throws -> String? {
        struct Hash: Decodable { var password_hash: String? }
        return try await database.read { sql in
            try await sql.select().column("password_hash").from("people").where("id", .equal, person.rawValue)
                .firstRow(Hash.self)?.password_hash
        }
    }

    public func setPasswordHash(_ hash: String, of person: Person.ID, revokingTokensAt revokedAt: Date?) async throws {
        defer { database.credentials.forgetAll() }
        try await database.write { sql in
            try await sql.update("people").set("password_hash", to: hash).where("id", .equal, person.rawValue).run()
            // NB: a new password ends every session of the person.
            try await sql.delete(from: "sessions").where("person_id", .equal, person.rawValue).run()
            if let revokedAt {
                try await sql.update("api_tokens").set("revoked_at", to: revokedAt).where("person_id", .equal, person.rawValue)
                    .where("revoked_at", .is, SQLLiteral.null).run()
            }
        }
    }

    public func countAdministrators() async throws -> Int {
        try await database.read { sql in
            try await sql.select().columns(PersonRow.columns.map { SQLIdentifier($0) }).from("people")
                .where("is_active", .equal, true).where("roles", .like, "%admin%").allRows(PersonRow.self)
                .filter { $0.person.has(.admin) }.count
        }
    }

    public func people(email: String) async throws -> [Person] {
        try await database.read { sql in
            try await sql.select().columns(PersonRow.columns.map { SQLIdentifier($0) }).from("people")
                .where(SQLFunction("LOWER", args: SQLIdentifier("email")), .equal, SQLBind(email.lowercased())).limit(10)
                .allRows(PersonRow.self).map(\.person)
        }
    }

    public func activeHeadcounts() async throws -> [Department.ID: Int] {
        struct Count: Decodable {
            var department_id: UUID
            var people: Int
        }
        return try await database.read { sql in
            let counts = try await sql.select().column("department_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "people")
                .from("people").where("is_active", .equal, true).where("id", .notEqual, SystemRecords.id).groupBy("department_id")
                .all(decoding: Count.self)
            return Dictionary(counts.map { (Department.ID($0.department_id), $0.people) }) { first, _ in first }
        }
    }

    public func countPeople(upTo limit: Int) async throws -> Int {
        try await database.read { sql in try await sql.countRows(sql.select().column(SQLLiteral.numeric("1")).from("people").limit(limit)) }
    }
}

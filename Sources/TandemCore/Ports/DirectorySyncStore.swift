/// Directory syncs: the links they keep, their changes written together, and their runs.
public protocol DirectorySyncStore: Sendable {
    func links(provider: String) async throws -> DirectoryLinks
    /// Only the departments' links (a directory's people links can be many thousands).
    func departmentLinks(provider: String) async throws -> [String: Department.ID]
    /// Links a unit to a department (`.conflict` when either is linked already).
    func link(_ department: Department.ID, provider: String, subject: String) async throws
    func unlinkDepartment(provider: String, subject: String) async throws
    /// Writes every change of the plan, links what it created or linked, and records the run —
    /// all in one transaction: a run that fails writes nothing.
    func apply(_ plan: DirectorySyncPlan, provider: String, run: DirectorySyncRun) async throws
    /// Records a dry run or a failed run.
    func record(_ run: DirectorySyncRun) async throws
    /// The latest runs, newest first.
    func runs(limit: Int) async throws -> [DirectorySyncRun]
}

import Foundation

/// The columns a CSV file of each kind has, by their names (English, as in the templates, or
/// the Chinese ones a person types in Excel — the pages' own labels among them: 部门代码, 界面语言,
/// 需求类型, 需求说明, 期望完成日期), in any order.
public enum ImportSchema {
    public struct Column: Sendable {
        public var name: String
        public var aliases: [String]
        public var required: Bool
    }

    public static func columns(for kind: ImportKind) -> [Column] {
        switch kind {
        case .departments:
            return [
                Column(name: "code", aliases: ["代码", "部门代码", "编码"], required: true),
                Column(name: "name", aliases: ["名称", "部门名称", "部门"], required: true),
                Column(name: "parent_code", aliases: ["上级代码", "上级部门代码"], required: false),
                Column(name: "is_provider", aliases: ["提供服务", "是否提供方"], required: false),
            ]
        case .people:
            return [
                Column(name: "login", aliases: ["登录名", "账号"], required: true),
                Column(name: "display_name", aliases: ["姓名", "名字"], required: true),
                Column(name: "department_code", aliases: ["部门代码"], required: true),
                Column(name: "email", aliases: ["邮箱", "电子邮件"], required: false),
                Column(name: "roles", aliases: ["角色"], required: false),
                Column(name: "language", aliases: ["语言", "界面语言"], required: false),
                Column(name: "password", aliases: ["密码"], required: false),
            ]
        case .needs:
            return [
                Column(name: "title", aliases: ["标题"], required: true),
                Column(name: "kind", aliases: ["类型", "类别", "需求类型"], required: true),
                Column(name: "providing_department_code", aliases: ["提供部门代码", "服务部门代码"], required: true),
                Column(name: "requester_login", aliases: ["提出人登录名", "提出人账号"], required: true),
                Column(name: "description", aliases: ["描述", "说明", "需求说明"], required: false),
                Column(name: "urgency", aliases: ["紧急程度"], required: false),
                Column(name: "importance", aliases: ["重要程度"], required: false),
                Column(name: "desired_date", aliases: ["期望日期", "期望完成日期"], required: false),
                Column(name: "confidential", aliases: ["保密"], required: false),
                Column(name: "raised_at", aliases: ["提出时间"], required: false),
            ]
        }
    }

    /// The template's header line: the columns' names, or in Chinese their first Chinese name
    /// (both are read back by an import).
    public static func template(for kind: ImportKind, in language: Language = .en) -> [String] {
        columns(for: kind).map { column in language == .zhCN ? column.aliases.first ?? column.name : column.name }
    }

    /// Which column each header position holds; a missing required column or a name no column
    /// has is a problem on line 1.
    public static func resolve(_ header: [String], kind: ImportKind) -> (columns: [Int: String], problems: [ImportProblem]) {
        let known = columns(for: kind)
        var byName: [String: String] = [:]
        for column in known {
            byName[column.name] = column.name
            for alias in column.aliases { byName[alias.lowercased()] = column.name }
        }
        var mapping: [Int: String] = [:]
        var problems: [ImportProblem] = []
        for (index, name) in header.enumerated() where !name.isEmpty {
            guard let column = byName[name] else {
                problems.append(ImportProblem(line: 1, error: .invalid(name, "no column is called '\(name)'", .notAnOption)))
                continue
            }
            if mapping.values.contains(column) {
                problems.append(ImportProblem(line: 1, error: .invalid(column, "the column '\(column)' is there twice", .duplicateInFile)))
            }
            mapping[index] = column
        }
        for column in known where column.required && !mapping.values.contains(column.name) {
            problems.append(ImportProblem(line: 1, error: .invalid(column.name, "the column '\(column.name)' is required", .required)))
        }
        return (mapping, problems)
    }
}

import Foundation
import TandemCore
import Testing

@Suite("Form fields")
struct FormFieldTests {
    static let form = [
        FormField(key: "system", label: "系统", type: .singleChoice, isRequired: true, options: ["CRM", "ERP"]),
        FormField(key: "modules", label: "模块", type: .multipleChoice, isRequired: false, options: ["a", "b", "c"]),
        FormField(key: "seats", label: "数量", type: .number, isRequired: false),
        FormField(key: "start", label: "开始", type: .date, isRequired: false),
        FormField(key: "note", label: "说明", type: .text, isRequired: false),
    ]

    @Test func validAnswersComeBackCanonical() throws {
        let answers = try FormField.validateAnswers(
            [
                "system": .text("CRM"), "modules": .choices(["c", "a"]), "seats": .text(" 12 "), "start": .text("2026-12-01"),
            ], against: Self.form)
        #expect(
            answers == ["system": .choice("CRM"), "modules": .choices(["a", "c"]), "seats": .number(12), "start": .date("2026-12-01")])
    }

    @Test(
        "bad answers name their field",
        arguments: [
            (["modules": FormAnswer.choices(["a"])], "form.system"),
            (["system": .text("SAP")], "form.system"),
            (["system": .text("CRM"), "modules": .choices(["z"])], "form.modules"),
            (["system": .text("CRM"), "seats": .text("twelve")], "form.seats"),
            (["system": .text("CRM"), "start": .text("2026-02-30")], "form.start"),
            (["system": .text("CRM"), "unknown": .text("x")], "form.unknown"),
            (["system": .text("CRM"), "note": .number(3)], "form.note"),
        ])
    func badAnswers(answers: [String: FormAnswer], field: String) {
        #expect {
            _ = try FormField.validateAnswers(answers, against: Self.form)
        } throws: { error in
            (error as? TandemError)?.field == field
        }
    }

    @Test("every bad answer is reported at once, each with its reason, in the form's order")
    func everyBadAnswerAtOnce() throws {
        let error = try #require(throws: TandemError.self) {
            _ = try FormField.validateAnswers(
                [
                    "modules": .choices(["z"]), "seats": .text("twelve"), "start": .text("tomorrow"), "extra": .text("x"),
                ], against: Self.form)
        }
        #expect(
            error.allFields.map { "\($0.field ?? "")=\($0.reason?.rawValue ?? "-")" } == [
                "form.extra=-", "form.system=required", "form.modules=not_an_option", "form.seats=not_a_number", "form.start=not_a_date",
            ])
    }

    @Test("every bad field of a definition is reported at once")
    func everyBadDefinitionAtOnce() throws {
        let error = try #require(throws: TandemError.self) {
            try FormField.validateDefinition([
                FormField(key: "Bad Key", label: "", type: .text, isRequired: false),
                FormField(key: "ok", label: "好", type: .multipleChoice, isRequired: false, options: ["a", "a"]),
                FormField(key: "ok", label: "重复", type: .number, isRequired: false, options: ["1"]),
            ])
        }
        #expect(
            error.allFields.map { "\($0.field ?? "")=\($0.reason?.rawValue ?? "-")" } == [
                "form_fields[0].key=field_key_format", "form_fields[0].label=required", "form_fields[1].options=choice_options",
                "form_fields[2].key=duplicate_key", "form_fields[2].options=no_options",
            ])
    }

    @Test(
        "bad definitions",
        arguments: [
            [FormField(key: "A", label: "x", type: .text, isRequired: false)],
            [
                FormField(key: "a", label: "x", type: .text, isRequired: false),
                FormField(key: "a", label: "y", type: .text, isRequired: false),
            ],
            [FormField(key: "a", label: "x", type: .singleChoice, isRequired: false, options: [])],
            [FormField(key: "a", label: "x", type: .text, isRequired: false, options: ["o"])],
            [FormField(key: "a", label: " ", type: .text, isRequired: false)],
        ])
    func badDefinitions(fields: [FormField]) {
        #expect(throws: TandemError.self) { try FormField.validateDefinition(fields) }
    }
}
